### 布局字符串：页面上除页面正文以外的所有文字。
### 每种语言版本都要翻译全部字符串。原文中有 { $count } 的地方须予保留。

## 名称

# 本语言的自称，按其读者的写法（显示在语言菜单中）。
language-name = 简体中文
site-name = 美国国务院
site-tagline = 行动中的外交
# 页眉中美国国玺图像的替代文字。
seal-alt = 美国国务院——美国国玺

## 导航

# 每个页面上的第一个链接，用于跳过页眉直达正文。
skip-link = 跳至主要内容
# 列出其他语言版本的菜单的无障碍名称。
language-menu-label = 语言
# 显示在翻译尚未完成的版本名称之后。
language-partial = 部分翻译
# 列出所有语言版本的页面的标题。
language-chooser-heading = 选择您的语言
language-chooser-intro = 用简体中文阅读本网站
# 某一版本的页面列表的标题。
page-list-heading = 页面
# 从网页指向其纯文本版的链接。
text-edition-link = 纯文本版
# 从纯文本版返回网页的链接。
html-edition-link = 网页版

## 提示

# 显示在部分段落没有可用译文、以原文语言显示的页面开头。
fallback-notice =
    { $count ->
       *[other] 本页有{ $count }段内容尚未翻译，现以英文显示。
    }
# 纯文本版：放在每个以英文显示的段落之前。
untranslated-marker = [尚未翻译]

## 纯文本版

# 纯文本页面末尾带编号的链接地址列表的标题。
links-heading = 链接
# 脚注的标题。
notes-heading = 注释
# 图像的标签，作为 $label 传给 image-text。
image-label = 图片
# 纯文本版中图像的写法：$label 为 image-label，$description 为图像的说明。
image-text = [{ $label }：{ $description }]
# 本页其他语言版本列表的标题。
other-editions-heading = 其他语言
# 从脚注返回引用位置的链接的无障碍名称。
footnote-backlink = 返回正文

## 页脚

footer-text = 本网站借助 fluentpress 以多种语言发布。译文由志愿者完成，以英文版为准。
