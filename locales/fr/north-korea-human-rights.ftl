### Translation of content/north-korea-human-rights.md (fr).
### Each message's `fluentpress: source` comment records which version of the source text it translates.

# fluentpress: source a92d7585
page-title = Les droits de l’homme en Corée du Nord

# fluentpress: source 2f725f22
page-description = Le Département d’État des États-Unis sur la situation des droits de l’homme en Corée du Nord et sur les efforts déployés par les États-Unis pour l’améliorer.

# fluentpress: source e11efd2b
human-rights = Droits de l’homme

# fluentpress: source b030d021
human-rights-the-people-of-north = Le peuple nord-coréen continue de subir des violations généralisées des droits de l’homme. La Corée du Nord continue de s’isoler en se livrant à des actes de provocation et gaspille son argent en armements au lieu d’investir pour nourrir et éduquer sa population.

# fluentpress: source b4fff21b
human-rights-the-state-departments-annual = Le rapport annuel du Département d’État sur les droits de l’homme en Corée du Nord fait état de graves exactions dans le pays. Le rapport indique que les transfuges nord-coréens continuent de signaler des exécutions extrajudiciaires, des disparitions, des détentions et arrestations arbitraires ainsi que des actes de torture. Ils décrivent un appareil judiciaire faible, qui ne garantit ni procès équitable ni procédure régulière.

# fluentpress: source 72dfce28
human-rights-the-north-korean-government = Le gouvernement nord-coréen continue de contrôler presque tous les aspects de la vie des citoyens, les privant des libertés d’expression, de la presse, de religion, de réunion et d’association. Selon des informations qui continuent de parvenir, le gouvernement restreint sévèrement la liberté de circulation et soumet ses citoyens au travail forcé.

# fluentpress: source 88c20d4a
human-rights-recent-ngo-studies-suggest = De récentes études d’ONG indiquent qu’entre 130 000 et 200 000 Nord-Coréens sont incarcérés dans un vaste réseau de prisons politiques et de centres de détention répartis dans toute la RPDC. Ces rapports décrivent des conditions très dures, mettant la vie en danger, dans le système des camps de prisonniers et de détention, où les atteintes aux droits de l’homme persistent et où de nombreux prisonniers n’ont guère de chances de survivre.

# fluentpress: source cab3ba50
human-rights-for-those-who-attempt = Pour ceux qui tentent de quitter la Corée du Nord, la situation est également sombre. Selon certaines informations, les gardes-frontières avaient reçu l’ordre de tirer pour tuer sur les transfuges potentiels, et de nombreuses personnes arrêtées alors qu’elles tentaient de franchir la frontière sont envoyées en prison, dans certains cas avec des membres de leur famille élargie.

# fluentpress: source cc603970
human-rights-the-dprk-continually-ranks = La RPDC est constamment classée dans la catégorie 3 pour son bilan en matière de traite des personnes. La RPDC est un pays d’origine d’hommes, de femmes et d’enfants soumis au travail forcé, au mariage forcé et à la traite à des fins d’exploitation sexuelle. En Corée du Nord même, le travail forcé fait partie d’un système établi de répression politique. Le gouvernement nord-coréen a recruté des travailleurs pour les faire travailler à l’étranger dans le cadre de contrats bilatéraux conclus avec des gouvernements étrangers. Selon les estimations d’ONG et de chercheurs, des milliers de Nord-Coréens sans papiers vivent actuellement dans le nord-est de la Chine, et jusqu’à 70 % d’entre eux sont des femmes. Il n’existe aucune information fiable sur le nombre de ces Nord-Coréens qui ont été victimes de la traite, mais leur statut en Chine de migrants économiques illégaux susceptibles d’être expulsés vers la Corée du Nord les rend particulièrement vulnérables à la traite.

# fluentpress: source e2b49437
human-rights-the-dprk-denies-religious = La RPDC prive ses citoyens de la liberté de religion ; il n’existe pas de véritable liberté religieuse en RPDC. En vertu de la [loi de 1998 sur la liberté religieuse internationale](https://www.congress.gov/bill/105th-congress/house-bill/2431), la Corée du Nord est désignée comme « pays particulièrement préoccupant ».

# fluentpress: source f804172b
us-efforts = L’action des États-Unis en faveur des droits de l’homme en Corée du Nord

# fluentpress: source 024416f5
us-efforts-the-united-states-is = Les États-Unis sont profondément préoccupés par le bien-être du peuple nord-coréen et par la situation des droits de l’homme dans laquelle il vit. Les droits de l’homme font partie intégrante de la politique des États-Unis à l’égard de la Corée du Nord, et la manière dont la Corée du Nord traite la question des droits de l’homme a une incidence importante sur les perspectives d’un rapprochement entre les États-Unis et la Corée du Nord.

# fluentpress: source adbd85cf
us-efforts-the-united-states-remains = Les États-Unis restent déterminés à aider ceux qui quittent la Corée du Nord, et nous travaillons avec le [Haut-Commissariat des Nations Unies pour les réfugiés (HCR)](https://www.unhcr.org/) pour venir en aide aux demandeurs d’asile.

# fluentpress: source a2f1e181
us-efforts-the-united-states-continues = Les États-Unis continuent de travailler en étroite collaboration avec des partenaires bilatéraux qui partagent notre profonde préoccupation à l’égard du peuple nord-coréen, avec des organisations non gouvernementales et avec des organisations internationales, notamment le [Conseil des droits de l’homme des Nations Unies](https://www.ohchr.org/en/hr-bodies/hrc/home) et l’Assemblée générale des Nations Unies, ainsi qu’avec le [Rapporteur spécial des Nations Unies sur la situation des droits de l’homme en RPDC](https://www.ohchr.org/en/special-procedures/sr-dprk), Marzuki Darusman.

# fluentpress: source 5729bb7c
us-efforts-the-us-congress-has = Le Congrès des États-Unis n’a cessé d’exprimer sa profonde préoccupation quant à la situation des droits de l’homme en RPDC et a adopté la [loi de 2004 sur les droits de l’homme en Corée du Nord](https://www.congress.gov/bill/108th-congress/house-bill/4011), reconduite en 2008 et en 2012. Le Département met en œuvre avec diligence la loi sur les droits de l’homme en Corée du Nord. L’ambassadeur Robert King, envoyé spécial pour les questions relatives aux droits de l’homme en Corée du Nord, dirige ces efforts. Chaque année, il remet au Congrès un rapport sur les activités qu’il mène pour promouvoir les droits de l’homme du peuple nord-coréen.
