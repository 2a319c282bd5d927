### Translation of content/north-korea-human-rights.md (ja).
### Each message's `fluentpress: source` comment records which version of the source text it translates.

# fluentpress: source a92d7585
page-title = 北朝鮮の人権

# fluentpress: source 2f725f22
page-description = 北朝鮮の人権状況と、その改善に向けた米国の取り組みに関する米国国務省の情報です。

# fluentpress: source e11efd2b
human-rights = 人権

# fluentpress: source b030d021
human-rights-the-people-of-north = 北朝鮮の人々は、広範な人権侵害に苦しみ続けています。北朝鮮は挑発行為を繰り返すことで自らを孤立させ続けており、国民に食料を与え教育を施すために投資する代わりに、兵器に資金を浪費しています。

# fluentpress: source b4fff21b
human-rights-the-state-departments-annual = 国務省が毎年発表する北朝鮮に関する人権報告書は、同国における深刻な人権侵害を記録しています。同報告書によれば、脱北者たちは超法規的殺害、失踪、恣意的な拘禁や逮捕、拷問について引き続き証言しています。脱北者たちは、公正な裁判も適正手続も保障しない脆弱な司法制度について語っています。

# fluentpress: source 72dfce28
human-rights-the-north-korean-government = 北朝鮮政府は、言論、報道、信教、集会、結社の自由を否定し、国民生活のほぼあらゆる側面を引き続き統制しています。また、政府が移動の自由を厳しく制限し、国民に強制労働を課しているとの報告も続いています。

# fluentpress: source 88c20d4a
human-rights-recent-ngo-studies-suggest = 最近のNGOの調査によると、13万～20万人の北朝鮮の人々が、朝鮮民主主義人民共和国全土に広がる政治犯収容所・拘禁施設の広大なネットワークに収容されているとみられます。これらの報告は、収容所や拘禁制度における過酷で生命を脅かす状況を伝えており、そこでは人権侵害が続き、多くの収容者は生き延びることができないと考えられています。

# fluentpress: source cab3ba50
human-rights-for-those-who-attempt = 北朝鮮から脱出しようとする人々の状況も暗澹たるものです。報告によると、国境警備隊は脱北を試みる恐れのある者を射殺するよう命令を受けており、国境を越えようとして捕らえられた多くの人々が刑務所に送られ、場合によっては親族までもが共に収監されています。

# fluentpress: source cc603970
human-rights-the-dprk-continually-ranks = 朝鮮民主主義人民共和国は、人身取引への対応状況により、一貫して「第3階層」の国に位置付けられています。同国は、強制労働、強制結婚、性的搾取を目的とした人身取引の被害に遭う男性、女性、子どもの送出国です。北朝鮮国内では、強制労働は確立された政治的抑圧の仕組みの一部となっています。北朝鮮政府は、外国政府との二国間契約に基づき、国外で働く労働者を募集しました。NGOや研究者の推計によれば、現在、数千人の正規の身分証明書類を持たない北朝鮮の人々が中国東北部で暮らしており、その最大70%が女性です。こうした北朝鮮の人々のうち何人が人身取引の被害に遭ったのかについて信頼できる情報はありませんが、彼らは中国では北朝鮮に送還されるおそれのある不法な経済移民という立場にあるため、特に人身取引の被害に遭いやすくなっています。

# fluentpress: source e2b49437
human-rights-the-dprk-denies-religious = 朝鮮民主主義人民共和国は国民に信教の自由を認めておらず、同国には真の信教の自由は存在しません。[1998年国際宗教自由法](https://www.congress.gov/bill/105th-congress/house-bill/2431)の規定に基づき、北朝鮮は「特に懸念される国」に指定されています。

# fluentpress: source f804172b
us-efforts = 北朝鮮の人権問題に関する米国の取り組み

# fluentpress: source 024416f5
us-efforts-the-united-states-is = 米国は、北朝鮮の人々の安寧と、彼らが置かれている人権状況について深く懸念しています。人権は米国の対北朝鮮政策に不可欠な要素であり、北朝鮮が人権問題にどう対処するかは、米朝関係の緊密化の見通しに大きな影響を及ぼします。

# fluentpress: source adbd85cf
us-efforts-the-united-states-remains = 米国は、北朝鮮を離れる人々の支援に引き続き尽力しており、[国連難民高等弁務官事務所](https://www.unhcr.org/)と協力して庇護申請者を支援しています。

# fluentpress: source a2f1e181
us-efforts-the-united-states-continues = 米国は、北朝鮮の人々に対する深い懸念を共有する二国間のパートナー、非政府組織、そして[国連人権理事会](https://www.ohchr.org/en/hr-bodies/hrc/home)や国連総会をはじめとする国際機関と引き続き緊密に連携しており、[朝鮮民主主義人民共和国における人権状況に関する国連特別報告者](https://www.ohchr.org/en/special-procedures/sr-dprk)であるマルズキ・ダルスマン氏とも緊密に連携しています。

# fluentpress: source 5729bb7c
us-efforts-the-us-congress-has = 米国議会は、朝鮮民主主義人民共和国の人権状況について引き続き深い懸念を表明しており、[2004年北朝鮮人権法](https://www.congress.gov/bill/108th-congress/house-bill/4011)を可決しました。同法は2008年と2012年に再承認されています。国務省は北朝鮮人権法を誠実に履行しています。こうした取り組みを率いているのは、北朝鮮人権問題担当特使のロバート・キング大使です。キング大使は毎年、北朝鮮の人々の人権を促進するための自身の活動について、議会に報告書を提出しています。
