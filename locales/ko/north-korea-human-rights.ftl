### Translation of content/north-korea-human-rights.md (ko).
### Each message's `fluentpress: source` comment records which version of the source text it translates.

# fluentpress: source a92d7585
page-title = 북한 인권

# fluentpress: source 2f725f22
page-description = 북한의 인권 상황과 이를 개선하기 위한 미국의 노력에 관한 미국 국무부의 안내입니다.

# fluentpress: source e11efd2b
human-rights = 인권

# fluentpress: source b030d021
human-rights-the-people-of-north = 북한 주민들은 광범위한 인권 침해로 계속 고통받고 있습니다. 북한은 도발 행위를 일삼아 스스로를 계속 고립시키고 있고, 주민들의 식량과 교육에 투자하는 대신 무기에 돈을 낭비하고 있습니다.

# fluentpress: source b4fff21b
human-rights-the-state-departments-annual = 국무부가 매년 발간하는 북한 인권 보고서는 북한에서 자행되는 심각한 인권 유린을 기록하고 있습니다. 보고서에 따르면 탈북자들은 초법적 살해, 실종, 자의적 구금과 체포, 고문에 대해 계속 증언하고 있습니다. 탈북자들은 공정한 재판도 적법 절차도 보장하지 않는 취약한 사법 체계에 대해 설명합니다.

# fluentpress: source 72dfce28
human-rights-the-north-korean-government = 북한 정부는 표현, 언론, 종교, 집회, 결사의 자유를 부정하며 주민 생활의 거의 모든 측면을 계속 통제하고 있습니다. 북한 정부가 이동의 자유를 심각하게 제한하고 주민들에게 강제 노동을 시키고 있다는 보고도 계속되고 있습니다.

# fluentpress: source 88c20d4a
human-rights-recent-ngo-studies-suggest = 최근 NGO 연구에 따르면 북한 전역에 광범위하게 퍼져 있는 정치범 수용소 및 구금 시설망에 13만~20만 명의 북한 주민이 수감되어 있는 것으로 추정됩니다. 이들 보고서는 수용소 및 구금 체계의 가혹하고 생명을 위협하는 환경을 묘사하고 있으며, 그곳에서는 인권 유린이 계속되고 있고 많은 수감자가 살아남지 못할 것으로 예상됩니다.

# fluentpress: source cab3ba50
human-rights-for-those-who-attempt = 북한을 떠나려는 사람들의 상황 또한 암울합니다. 보고에 따르면 국경경비대는 탈북 가능성이 있는 사람을 사살하라는 명령을 받았으며, 국경을 넘으려다 붙잡힌 많은 사람들이 교도소로 보내지고, 경우에 따라서는 일가친척까지 함께 수감되기도 합니다.

# fluentpress: source cc603970
human-rights-the-dprk-continually-ranks = 북한은 인신매매 실태와 관련하여 지속적으로 3등급 국가로 분류되고 있습니다. 북한은 강제 노동, 강제 결혼, 성 착취 목적의 인신매매 피해를 입는 남성, 여성, 아동의 송출국입니다. 북한 내에서 강제 노동은 확립된 정치적 탄압 체제의 일부입니다. 북한 정부는 외국 정부와 맺은 양자 계약에 따라 해외에서 일할 노동자를 모집했습니다. NGO와 연구자들은 현재 수천 명의 미등록 북한 주민이 중국 동북부에 거주하고 있으며, 그중 최대 70%가 여성인 것으로 추정합니다. 이들 가운데 얼마나 많은 사람이 인신매매 피해를 입었는지에 대한 신뢰할 만한 정보는 없지만, 북한으로 송환될 수 있는 불법 경제 이주민이라는 중국 내 신분 때문에 이들은 특히 인신매매에 취약합니다.

# fluentpress: source e2b49437
human-rights-the-dprk-denies-religious = 북한은 주민들에게 종교의 자유를 허용하지 않으며, 북한에는 진정한 종교의 자유가 존재하지 않습니다. [1998년 국제종교자유법](https://www.congress.gov/bill/105th-congress/house-bill/2431)의 규정에 따라 북한은 “특별우려국”으로 지정되어 있습니다.

# fluentpress: source f804172b
us-efforts = 북한 인권 문제에 대한 미국의 노력

# fluentpress: source 024416f5
us-efforts-the-united-states-is = 미국은 북한 주민들의 안녕과 그들이 처한 인권 상황에 대해 깊이 우려하고 있습니다. 인권은 미국 대북 정책의 필수적인 부분이며, 북한이 인권 문제를 어떻게 다루는지는 미국과 북한 간 관계 개선 전망에 중대한 영향을 미칩니다.

# fluentpress: source adbd85cf
us-efforts-the-united-states-remains = 미국은 북한을 떠나는 사람들을 돕기 위해 계속 노력하고 있으며, [유엔난민기구](https://www.unhcr.org/)와 협력하여 비호 신청자들을 지원하고 있습니다.

# fluentpress: source a2f1e181
us-efforts-the-united-states-continues = 미국은 북한 주민들에 대한 깊은 우려를 함께하는 양자 협력국, 비정부기구, 그리고 [유엔 인권이사회](https://www.ohchr.org/en/hr-bodies/hrc/home)와 유엔 총회를 비롯한 국제기구와 계속 긴밀히 협력하고 있으며, [북한 인권 상황에 관한 유엔 특별보고관](https://www.ohchr.org/en/special-procedures/sr-dprk)인 마르주키 다루스만과도 긴밀히 협력하고 있습니다.

# fluentpress: source 5729bb7c
us-efforts-the-us-congress-has = 미국 의회는 북한 인권 상황에 대해 지속적으로 깊은 우려를 표명해 왔으며, [2004년 북한인권법](https://www.congress.gov/bill/108th-congress/house-bill/4011)을 통과시켰고, 이 법은 2008년과 2012년에 재승인되었습니다. 국무부는 북한인권법을 성실히 이행하고 있습니다. 북한 인권 문제 특사인 로버트 킹 대사가 이러한 노력을 이끌고 있습니다. 킹 특사는 매년 북한 주민의 인권 증진을 위한 자신의 활동에 관한 보고서를 의회에 제출합니다.
