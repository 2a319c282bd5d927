### Built-in layout strings, used where the source locale's site.ftl lacks a message.
### Copy this file to locales/<source>/site.ftl and edit it.

language-name = English
site-name = A fluentpress site
site-tagline = {""}
seal-alt = Site logo
skip-link = Skip to main content
language-menu-label = Languages
language-partial = partial translation
language-chooser-heading = Choose your language
language-chooser-intro = Read this site in English
page-list-heading = Pages
text-edition-link = Plain-text edition
html-edition-link = Web edition
fallback-notice =
    { $count ->
        [one] { $count } passage on this page has not been translated yet and is shown in the original language.
       *[other] { $count } passages on this page have not been translated yet and are shown in the original language.
    }
untranslated-marker = [not yet translated]
links-heading = Links
notes-heading = Notes
image-label = Image
image-text = [{ $label }: { $description }]
other-editions-heading = Other languages
footnote-backlink = Back to text
footer-text = Published with fluentpress.
