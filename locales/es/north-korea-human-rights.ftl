### Translation of content/north-korea-human-rights.md (es).
### Each message's `fluentpress: source` comment records which version of the source text it translates.

# fluentpress: source a92d7585
page-title = Derechos humanos en Corea del Norte

# fluentpress: source 2f725f22
page-description = El Departamento de Estado de EE. UU. sobre la situación de los derechos humanos en Corea del Norte y los esfuerzos de Estados Unidos por mejorarla.

# fluentpress: source e11efd2b
human-rights = Derechos humanos

# fluentpress: source b030d021
human-rights-the-people-of-north = El pueblo de Corea del Norte sigue sufriendo violaciones generalizadas de los derechos humanos. Corea del Norte continúa aislándose con actos de provocación y malgasta su dinero en armas en lugar de invertir en alimentar y educar a su población.

# fluentpress: source b4fff21b
human-rights-the-state-departments-annual = El informe anual de derechos humanos del Departamento de Estado sobre Corea del Norte documenta graves abusos en el país. El informe señala que los desertores norcoreanos siguen denunciando ejecuciones extrajudiciales, desapariciones, detenciones y arrestos arbitrarios, y torturas. Describen un poder judicial débil que no ofrece ni juicios justos ni el debido proceso.

# fluentpress: source 72dfce28
human-rights-the-north-korean-government = El Gobierno norcoreano sigue controlando casi todos los aspectos de la vida de los ciudadanos y les niega las libertades de expresión, de prensa, de religión, de reunión y de asociación. Siguen llegando informes de que el Gobierno restringe gravemente la libertad de circulación y somete a sus ciudadanos a trabajos forzosos.

# fluentpress: source 88c20d4a
human-rights-recent-ngo-studies-suggest = Estudios recientes de ONG indican que entre 130.000 y 200.000 norcoreanos se encuentran recluidos en una extensa red de prisiones políticas y centros de detención repartidos por toda la RPDC. Estos informes describen condiciones duras y potencialmente mortales en el sistema de campos de prisioneros y de detención, donde persisten los abusos contra los derechos humanos y muchos presos tienen pocas probabilidades de sobrevivir.

# fluentpress: source cab3ba50
human-rights-for-those-who-attempt = Para quienes intentan salir de Corea del Norte, la situación también es desoladora. Según los informes, los guardias fronterizos tenían órdenes de disparar a matar contra los posibles desertores, y muchas de las personas sorprendidas cuando intentaban cruzar la frontera son enviadas a prisión, en algunos casos junto con miembros de su familia extensa.

# fluentpress: source cc603970
human-rights-the-dprk-continually-ranks = La RPDC figura sistemáticamente en el nivel 3 por su historial en materia de trata de personas. La RPDC es un país de origen de hombres, mujeres y niños sometidos a trabajos forzosos, matrimonios forzados y trata con fines de explotación sexual. Dentro de Corea del Norte, el trabajo forzoso forma parte de un sistema establecido de represión política. El Gobierno norcoreano reclutó mano de obra para trabajar en el extranjero en virtud de contratos bilaterales con gobiernos extranjeros. Las ONG y los investigadores calculan que miles de norcoreanos indocumentados viven actualmente en el noreste de China, y que hasta el 70 % de ellos son mujeres. No hay información fiable sobre cuántos de estos norcoreanos han sido víctimas de trata, pero su condición en China de migrantes económicos ilegales que pueden ser deportados a Corea del Norte los hace especialmente vulnerables a la trata.

# fluentpress: source e2b49437
human-rights-the-dprk-denies-religious = La RPDC niega la libertad religiosa a sus ciudadanos; en la RPDC no existe una auténtica libertad religiosa. En virtud de la [Ley de Libertad Religiosa Internacional de 1998](https://www.congress.gov/bill/105th-congress/house-bill/2431), Corea del Norte está designada como «país de especial preocupación».

# fluentpress: source f804172b
us-efforts = Esfuerzos de Estados Unidos en torno a las cuestiones de derechos humanos en Corea del Norte

# fluentpress: source 024416f5
us-efforts-the-united-states-is = Estados Unidos está profundamente preocupado por el bienestar del pueblo norcoreano y por las condiciones de derechos humanos en que vive. Los derechos humanos son parte integrante de la política de Estados Unidos hacia Corea del Norte, y la forma en que Corea del Norte aborda los derechos humanos influye de manera significativa en las perspectivas de unos lazos más estrechos entre Estados Unidos y Corea del Norte.

# fluentpress: source adbd85cf
us-efforts-the-united-states-remains = Estados Unidos mantiene su compromiso de ayudar a quienes salen de Corea del Norte, y colaboramos con el [Alto Comisionado de las Naciones Unidas para los Refugiados (ACNUR)](https://www.unhcr.org/) para prestar ayuda a los solicitantes de asilo.

# fluentpress: source a2f1e181
us-efforts-the-united-states-continues = Estados Unidos sigue colaborando estrechamente con socios bilaterales que comparten nuestra profunda preocupación por el pueblo norcoreano, con organizaciones no gubernamentales y con organizaciones internacionales, entre ellas el [Consejo de Derechos Humanos de las Naciones Unidas](https://www.ohchr.org/en/hr-bodies/hrc/home) y la Asamblea General de las Naciones Unidas, y con el [Relator Especial de las Naciones Unidas sobre la situación de los derechos humanos en la RPDC](https://www.ohchr.org/en/special-procedures/sr-dprk), Marzuki Darusman.

# fluentpress: source 5729bb7c
us-efforts-the-us-congress-has = El Congreso de Estados Unidos ha expresado de forma continuada su profunda preocupación por la situación de los derechos humanos en la RPDC y aprobó la [Ley de Derechos Humanos en Corea del Norte de 2004](https://www.congress.gov/bill/108th-congress/house-bill/4011), prorrogada en 2008 y 2012. El Departamento aplica con diligencia la Ley de Derechos Humanos en Corea del Norte. El embajador Robert King, enviado especial para las cuestiones de derechos humanos en Corea del Norte, dirige estos esfuerzos. Cada año presenta al Congreso un informe sobre sus actividades para promover los derechos humanos del pueblo norcoreano.
