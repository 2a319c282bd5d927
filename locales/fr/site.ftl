### Textes de la mise en page : tout ce qui figure sur une page sans faire partie du texte propre de la page.
### Chaque langue les traduit tous. Conserver { $count } là où le texte source le contient.

## Noms

# Nom de la langue dans la langue elle-même, tel que l’écrivent ses lecteurs (affiché dans les menus des langues).
language-name = Français
site-name = Département d’État des États-Unis
site-tagline = La diplomatie en action
# Texte de remplacement de l’image du Grand Sceau dans l’en-tête de la page.
seal-alt = Département d’État des États-Unis – Grand Sceau

## Navigation

# Premier lien de chaque page ; il permet de passer l’en-tête pour aller directement à l’article.
skip-link = Aller au contenu principal
# Nom accessible du menu qui répertorie les autres éditions linguistiques.
language-menu-label = Langues
# Affiché après le nom d’une édition dont la traduction n’est pas complète.
language-partial = traduction partielle
# Titre de la page qui répertorie toutes les éditions linguistiques.
language-chooser-heading = Choisissez votre langue
language-chooser-intro = Lire ce site en français
# Titre de la liste des pages d’une édition.
page-list-heading = Pages
# Lien d’une page web vers son édition en texte brut.
text-edition-link = Édition en texte brut
# Lien d’une édition en texte brut vers la page web.
html-edition-link = Édition web

## Avis

# Placé en tête d’une page dont certains passages n’ont pas de traduction utilisable et sont affichés dans la langue source.
fallback-notice =
    { $count ->
        [one] { $count } passage de cette page n’a pas encore été traduit et s’affiche en anglais.
        [many] { $count } de passages de cette page n’ont pas encore été traduits et s’affichent en anglais.
       *[other] { $count } passages de cette page n’ont pas encore été traduits et s’affichent en anglais.
    }
# Édition en texte brut : placé devant chaque passage affiché en anglais.
untranslated-marker = [pas encore traduit]

## Édition en texte brut

# Titre de la liste numérotée des adresses des liens à la fin d’une page en texte brut.
links-heading = Liens
# Titre des notes.
notes-heading = Notes
# Libellé d’une image, transmis à image-text comme $label.
image-label = Image
# Comment l’édition en texte brut écrit une image : $label est image-label, $description la description de l’image.
image-text = [{ $label } : { $description }]
# Titre de la liste de cette page dans d’autres langues.
other-editions-heading = Autres langues
# Nom accessible du lien qui ramène d’une note à l’endroit où elle est appelée.
footnote-backlink = Retour au texte

## Pied de page

footer-text = Publié en plusieurs langues avec fluentpress. Les traductions sont réalisées par des bénévoles ; l’édition anglaise est le texte de référence.
