### Layout strings: everything on a page that is not the page's own text.
### Every locale translates all of these. Keep { $count } where the source has it.

## Names

# This language's own name, as its readers write it (shown in the language menus).
language-name = English
site-name = U.S. Department of State
site-tagline = Diplomacy in Action
# Alternative text of the Great Seal image in the page header.
seal-alt = U.S. Department of State - Great Seal

## Navigation

# The first link on every page; it jumps over the header to the article.
skip-link = Skip to main content
# Accessible name of the menu that lists the other language editions.
language-menu-label = Languages
# Shown after the name of an edition whose translation is not complete.
language-partial = partial translation
# Title of the page that lists every language edition.
language-chooser-heading = Choose your language
# On the language chooser, beside each language's name: an invitation in that language.
language-chooser-intro = Read this site in English
# Heading of an edition's list of pages.
page-list-heading = Pages
# Link from a web page to its plain-text edition.
text-edition-link = Plain-text edition
# Link from a plain-text edition back to the web page.
html-edition-link = Web edition

## Notices

# Opens a page where some passages have no usable translation and are shown in the source language.
fallback-notice =
    { $count ->
        [one] { $count } passage on this page has not been translated yet and is shown in English.
       *[other] { $count } passages on this page have not been translated yet and are shown in English.
    }
# Plain-text edition: put before each passage that is shown in English.
untranslated-marker = [not yet translated]

## Plain-text edition

# Heading of the numbered list of link addresses at the end of a plain-text page.
links-heading = Links
# Heading of the footnotes.
notes-heading = Notes
# Label for an image, given to image-text as $label.
image-label = Image
# How the plain-text edition writes an image: $label is image-label, $description the image's description.
image-text = [{ $label }: { $description }]
# Heading of the list of this page in other languages.
other-editions-heading = Other languages
# Accessible name of the link from a footnote back to where it is referenced.
footnote-backlink = Back to text

## Footer

footer-text = Published in several languages with fluentpress. Translations are made by volunteers; the English edition is the reference text.
