### Textos de la plantilla: todo lo que aparece en una página y no forma parte del texto propio de la página.
### Cada idioma los traduce todos. Se conserva { $count } donde aparece en el original.

## Nombres

# Nombre del idioma en el propio idioma, tal como lo escriben sus lectores (aparece en los menús de idiomas).
language-name = Español
site-name = Departamento de Estado de EE. UU.
site-tagline = Diplomacia en acción
# Texto alternativo de la imagen del Gran Sello en la cabecera de la página.
seal-alt = Departamento de Estado de EE. UU. - Gran Sello

## Navegación

# Primer enlace de cada página; salta la cabecera y lleva al artículo.
skip-link = Ir al contenido principal
# Nombre accesible del menú que enumera las demás ediciones por idioma.
language-menu-label = Idiomas
# Aparece tras el nombre de una edición cuya traducción no está completa.
language-partial = traducción parcial
# Título de la página que enumera todas las ediciones por idioma.
language-chooser-heading = Elija su idioma
language-chooser-intro = Leer este sitio en español
# Encabezado de la lista de páginas de una edición.
page-list-heading = Páginas
# Enlace de una página web a su edición en texto sin formato.
text-edition-link = Edición en texto sin formato
# Enlace de una edición en texto sin formato de vuelta a la página web.
html-edition-link = Edición web

## Avisos

# Encabeza una página en la que algunos pasajes no tienen una traducción utilizable y se muestran en el idioma original.
fallback-notice =
    { $count ->
        [one] { $count } pasaje de esta página aún no se ha traducido y se muestra en inglés.
        [many] { $count } de pasajes de esta página aún no se han traducido y se muestran en inglés.
       *[other] { $count } pasajes de esta página aún no se han traducido y se muestran en inglés.
    }
# Edición en texto sin formato: se antepone a cada pasaje que se muestra en inglés.
untranslated-marker = [aún sin traducir]

## Edición en texto sin formato

# Encabezado de la lista numerada de direcciones de enlaces al final de una página en texto sin formato.
links-heading = Enlaces
# Encabezado de las notas.
notes-heading = Notas
# Etiqueta de una imagen, que image-text recibe como $label.
image-label = Imagen
# Cómo escribe una imagen la edición en texto sin formato: $label es image-label y $description, la descripción de la imagen.
image-text = [{ $label }: { $description }]
# Encabezado de la lista de esta página en otros idiomas.
other-editions-heading = Otros idiomas
# Nombre accesible del enlace que lleva de una nota al lugar donde se cita.
footnote-backlink = Volver al texto

## Pie de página

footer-text = Publicado en varios idiomas con fluentpress. Las traducciones las realizan voluntarios; la edición en inglés es el texto de referencia.
