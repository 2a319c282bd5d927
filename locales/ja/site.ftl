### レイアウト文字列：ページ上の、ページ本文以外のすべての要素です。
### どのロケールでもこれらをすべて翻訳します。原文に { $count } がある箇所はそのまま残します。

## 名称

# この言語の読者が書き表す、この言語自身の名称です（言語メニューに表示されます）。
language-name = 日本語
site-name = 米国国務省
site-tagline = 行動する外交
# ページのヘッダーにある国璽の画像の代替テキストです。
seal-alt = 米国国務省 - 合衆国国璽

## ナビゲーション

# 各ページの最初のリンクで、ヘッダーを飛ばして本文へ移動します。
skip-link = 本文へスキップ
# 他の言語版の一覧を表示するメニューのアクセシブルな名前です。
language-menu-label = 言語
# 翻訳が完了していない版の名称の後に表示されます。
language-partial = 一部翻訳済み
# すべての言語版を一覧表示するページのタイトルです。
language-chooser-heading = 言語を選択
language-chooser-intro = このサイトを日本語で読む
# 各版のページ一覧の見出しです。
page-list-heading = ページ一覧
# ウェブページからプレーンテキスト版へのリンクです。
text-edition-link = プレーンテキスト版
# プレーンテキスト版からウェブページへ戻るリンクです。
html-edition-link = ウェブ版

## お知らせ

# 一部の文章に使用できる翻訳がなく、原文の言語で表示されているページの冒頭に表示されます。
fallback-notice =
    { $count ->
       *[other] このページの{ $count }か所の文章はまだ翻訳されていないため、英語で表示しています。
    }
# プレーンテキスト版：英語で表示する各文章の前に付けます。
untranslated-marker = [未翻訳]

## プレーンテキスト版

# プレーンテキストのページ末尾にある、リンク先アドレスの番号付きリストの見出しです。
links-heading = リンク
# 脚注の見出しです。
notes-heading = 注
# 画像のラベルです。image-text に $label として渡されます。
image-label = 画像
# プレーンテキスト版での画像の書き方です。$label は image-label、$description は画像の説明です。
image-text = [{ $label }：{ $description }]
# このページの他の言語版の一覧の見出しです。
other-editions-heading = 他の言語
# 脚注から参照箇所へ戻るリンクのアクセシブルな名前です。
footnote-backlink = 本文に戻る

## フッター

footer-text = fluentpressを使用して複数の言語で公開しています。翻訳はボランティアによるもので、英語版を基準テキストとしています。
