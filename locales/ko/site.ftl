### 레이아웃 문자열: 페이지에서 페이지 본문이 아닌 모든 요소입니다.
### 모든 로캘에서 이 문자열을 모두 번역합니다. 원문에 { $count }가 있으면 그대로 유지합니다.

## 이름

# 이 언어를 사용하는 독자가 쓰는 이 언어의 고유 이름입니다(언어 메뉴에 표시됨).
language-name = 한국어
site-name = 미국 국무부
site-tagline = 행동하는 외교
# 페이지 머리글에 있는 국새 이미지의 대체 텍스트입니다.
seal-alt = 미국 국무부 - 미국 국새

## 탐색

# 모든 페이지의 첫 번째 링크로, 머리글을 건너뛰고 본문으로 이동합니다.
skip-link = 본문으로 바로 가기
# 다른 언어판 목록을 보여 주는 메뉴의 접근성 이름입니다.
language-menu-label = 언어
# 번역이 완료되지 않은 언어판 이름 뒤에 표시됩니다.
language-partial = 부분 번역
# 모든 언어판을 나열하는 페이지의 제목입니다.
language-chooser-heading = 언어 선택
language-chooser-intro = 이 사이트를 한국어로 읽기
# 언어판의 페이지 목록 제목입니다.
page-list-heading = 페이지 목록
# 웹 페이지에서 텍스트 버전으로 가는 링크입니다.
text-edition-link = 텍스트 버전
# 텍스트 버전에서 웹 페이지로 돌아가는 링크입니다.
html-edition-link = 웹 버전

## 알림

# 일부 단락에 사용할 수 있는 번역이 없어 원문 언어로 표시되는 페이지의 첫머리에 나옵니다.
fallback-notice =
    { $count ->
       *[other] 이 페이지의 단락 { $count }개는 아직 번역되지 않아 영어로 표시됩니다.
    }
# 텍스트 버전: 영어로 표시되는 각 단락 앞에 붙입니다.
untranslated-marker = [아직 번역되지 않음]

## 텍스트 버전

# 일반 텍스트 페이지 끝에 있는 링크 주소 번호 목록의 제목입니다.
links-heading = 링크
# 각주의 제목입니다.
notes-heading = 주석
# 이미지 레이블입니다. image-text에 $label로 전달됩니다.
image-label = 이미지
# 텍스트 버전에서 이미지를 쓰는 형식입니다. $label은 image-label, $description은 이미지 설명입니다.
image-text = [{ $label }: { $description }]
# 이 페이지의 다른 언어판 목록 제목입니다.
other-editions-heading = 다른 언어
# 각주에서 참조 위치로 돌아가는 링크의 접근성 이름입니다.
footnote-backlink = 본문으로 돌아가기

## 바닥글

footer-text = fluentpress를 사용하여 여러 언어로 발행합니다. 번역은 자원봉사자들이 하며, 영어판이 기준 텍스트입니다.
