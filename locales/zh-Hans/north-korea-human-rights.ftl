### Translation of content/north-korea-human-rights.md (zh-Hans).
### Each message's `fluentpress: source` comment records which version of the source text it translates.

# fluentpress: source a92d7585
page-title = 朝鲜人权状况

# fluentpress: source 2f725f22
page-description = 美国国务院介绍朝鲜人权状况以及美国为改善这一状况所作的努力。

# fluentpress: source e11efd2b
human-rights = 人权

# fluentpress: source b030d021
human-rights-the-people-of-north = 朝鲜人民继续遭受普遍存在的侵犯人权行为之苦。朝鲜继续采取挑衅行动，使自己陷于孤立，并把资金浪费在武器上，而不是投资于解决人民的温饱和教育问题。

# fluentpress: source b4fff21b
human-rights-the-state-departments-annual = 美国国务院每年发布的朝鲜人权报告记录了该国严重的侵犯人权行为。报告指出，朝鲜脱北者不断报告该国存在法外杀戮、失踪、任意拘留和逮捕以及酷刑。他们称该国司法体系薄弱，既不提供公正审判，也不保障正当程序。

# fluentpress: source 72dfce28
human-rights-the-north-korean-government = 朝鲜政府继续控制公民生活的几乎所有方面，剥夺言论、新闻、宗教、集会和结社自由。不断有报告称，朝鲜政府严格限制迁徙自由，并使其公民遭受强迫劳动。

# fluentpress: source 88c20d4a
human-rights-recent-ngo-studies-suggest = 近期的非政府组织研究显示，有13万至20万名朝鲜人被关押在遍布朝鲜全境的庞大政治监狱和拘留设施网络中。这些报告描述了监狱营地和拘留系统中严酷且危及生命的条件，那里侵犯人权的行为持续不断，许多囚犯预计无法生还。

# fluentpress: source cab3ba50
human-rights-for-those-who-attempt = 对于试图离开朝鲜的人来说，处境同样严峻。有报告指出，边境警卫曾奉命对企图叛逃者开枪射杀，许多在试图越境时被抓获的人被投入监狱，有时其亲属也一同入狱。

# fluentpress: source cc603970
human-rights-the-dprk-continually-ranks = 朝鲜因其在人口贩运问题上的记录，一直被列为第3级国家。朝鲜是遭受强迫劳动、强迫婚姻和性贩运的男子、妇女和儿童的来源国。在朝鲜国内，强迫劳动是一套既定的政治压迫体系的组成部分。朝鲜政府根据与外国政府签订的双边合同招募劳工赴海外工作。非政府组织和研究人员估计，目前有数以千计没有合法证件的朝鲜人生活在中国东北，其中多达70%是女性。关于这些朝鲜人中有多少人遭到人口贩运，目前没有可靠信息，但他们在中国属于可能被遣返朝鲜的非法经济移民，这一身份使他们特别容易遭受人口贩运。

# fluentpress: source e2b49437
human-rights-the-dprk-denies-religious = 朝鲜剥夺其公民的宗教自由；朝鲜不存在真正的宗教自由。根据[《1998年国际宗教自由法》](https://www.congress.gov/bill/105th-congress/house-bill/2431)的规定，朝鲜被列为“特别关注国”。

# fluentpress: source f804172b
us-efforts = 美国在朝鲜人权问题上的努力

# fluentpress: source 024416f5
us-efforts-the-united-states-is = 美国深切关注朝鲜人民的福祉及其所处的人权状况。人权是美国对朝政策不可或缺的组成部分，朝鲜如何处理人权问题，对美朝关系改善的前景有着重大影响。

# fluentpress: source adbd85cf
us-efforts-the-united-states-remains = 美国始终致力于援助离开朝鲜的人，我们与[联合国难民署](https://www.unhcr.org/)合作，援助寻求庇护者。

# fluentpress: source a2f1e181
us-efforts-the-united-states-continues = 美国继续与同我们一样深切关注朝鲜人民的双边伙伴、非政府组织以及包括[联合国人权理事会](https://www.ohchr.org/en/hr-bodies/hrc/home)和联合国大会在内的国际组织密切合作，并与[联合国朝鲜民主主义人民共和国人权状况特别报告员](https://www.ohchr.org/en/special-procedures/sr-dprk)马尔祖基·达鲁斯曼密切合作。

# fluentpress: source 5729bb7c
us-efforts-the-us-congress-has = 美国国会一再对朝鲜的人权状况表示深切关注，并通过了[《2004年朝鲜人权法》](https://www.congress.gov/bill/108th-congress/house-bill/4011)，该法于2008年和2012年获得重新授权。国务院认真贯彻执行《朝鲜人权法》。朝鲜人权问题特使罗伯特·金大使领导这些工作。他每年向国会提交报告，介绍自己为促进朝鲜人民人权而开展的活动。
