"""The tracker's vocabulary, kept as data.

Each entry notes a clause from ``seeds/`` it exists for. Rules in other
modules read these tables; they do not spell words themselves.
"""

from __future__ import annotations

# Binding verbs, strongest first. "2023年力争新增省级以上专精特新(含小巨人)企业15家" → 力争.
STRENGTH_WORDS = ("确保", "力争", "争取", "努力", "计划")

# Comparators written after a number: "增长8%以上" (>=), "1个月以内" (<=), "30家左右" (~),
# "8000多亿元" (>=, 多/余 mean "more than").
COMPARATOR_AFTER = (
    ("以上", ">="),
    ("及以上", ">="),
    ("以内", "<="),
    ("以下", "<="),
    ("左右", "~"),
)
# Comparators written before a number: "占GDP比重超10.0%", "力争达到7%以上", "压缩至1个月以内".
COMPARATOR_BEFORE = (
    ("不低于", ">="),
    ("不少于", ">="),
    ("至少", ">="),
    ("超过", ">="),
    ("突破", ">="),
    ("达到", ">="),
    ("增加到", ">="),
    ("提高到", ">="),
    ("提升到", ">="),
    ("完成", ">="),
    ("超", ">="),
    ("达", ">="),
    ("不超过", "<="),
    ("控制在", "<="),
    ("压缩至", "<="),
    ("压缩到", "<="),
    ("降至", "<="),
    ("降到", "<="),
    ("低于", "<="),
    ("接近", "~"),
    ("约", "~"),
    ("近", "~"),
)

# Section roles by heading words: "一、2022年特色亮点工作" (review), "二、存在困难" (problems),
# "三、2023年工作思路" (plan), "三、下一步工作建议" (plan).
ROLE_WORDS = {
    "problems": ("困难", "问题", "不足", "短板", "挑战"),
    "plan": ("思路", "计划", "安排", "打算", "下一步", "预期目标", "总体要求", "政策取向",
             "工作建议", "工作任务", "政府工作的建议", "重点任务", "目标任务", "工作重点", "展望",
             "主要目标", "工作安排", "今后", "下阶段"),
    "review": ("总结", "完成情况", "推进情况", "开展情况", "工作回顾", "回顾", "亮点", "成效",
               "主要成绩", "工作成果", "进展", "相关工作", "发展现状", "基本情况", "取得"),
}

# Heading words that make a part a review whatever else it says (主要目标完成情况).
REVIEW_FIRST = ("完成情况", "推进情况", "开展情况", "执行情况", "落实情况", "工作回顾", "工作总结")

# Document kinds (INTERFACE.md) are profiles in genres.py.

# Base units after a number, longest first where one is a prefix of another.
COUNT_UNITS = (
    "家次", "人次", "批次", "户次", "人口", "头", "家", "个", "项", "人", "名", "次", "处", "套", "件", "台", "户",
    "所", "张", "宗", "条", "座", "辆", "艘", "篇", "场", "款", "种", "类", "份", "栋", "间", "位",
    "支", "部", "只", "颗", "例",
)
# Classifiers that count the same things in other words: 老楼加装电梯869台 answers 完工600部,
# 宛平城等20处重点区域 answers 12个重点区域 (people, households and visits are not among them).
THING_CLASSIFIERS = ("个", "家", "项", "处", "条", "座", "部", "台", "套", "所", "栋", "间", "辆", "艘", "件", "张")
# A bare scale ("3000多万皖北地区群众") counts people or households, never projects or counties.
BARE_SCALE_UNITS = ("人", "户", "人次", "名", "")
# Verbs before a scale with no number: 突破万亿元, 迈入万亿级 (= 1 万亿元).
BARE_SCALE_VERBS = ("突破", "迈上", "迈入", "跨上", "跨入", "跃上", "达到", "站上")
BARE_SCALES = ("万亿", "千亿", "百亿", "亿")
BARE_SCALE_HEADS = "万千百亿"  # a quantity written from its scale on, with no number before it
BARE_SCALE_TAILS = ("元", "级")  # the first is the unit given: 万亿级 → 1 万亿元
AMOUNT_UNITS = (
    "万亿元", "亿元", "万元", "千元", "元", "美元",
    "平方公里", "平方米", "立方米", "公里", "千米", "米", "亩", "公顷",
    "吨标准煤", "吨标煤", "吨", "千克", "公斤", "斤", "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "度",
    "标箱", "TEU", "GB", "G",
    # 集装箱吞吐量突破2400万标准箱, PM2.5年均浓度降至38微克/立方米以下, 智能算力规模达2万P,
    # 全员劳动生产率16.8万元/人
    "标准箱", "微克/立方米", "毫克/立方米", "元/人", "元/吨", "元/月", "元/年", "元/亩", "PFlops", "EFlops", "P",
)
DURATION_UNITS = ("个工作日", "工作日", "个月", "小时", "分钟", "天", "日", "周", "年")
PERCENT_UNITS = ("个百分点", "百分点", "%", "‰", "倍")
RANK_UNIT = "名"

# Scales that join the unit: "1.3万亩" → 1.3 万亩, "700余万" → 700 万.
SCALES = ("万亿", "千亿", "百亿", "千万", "百万", "十万", "亿", "万", "千", "百")
SCALE_VALUES = {"千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "百亿": 1e10, "千亿": 1e11,
                "万亿": 1e12}

# Words that mark a figure as a change (增长 %), a share (占比 %) or a rate (率 %).
GROWTH_WORDS = ("增长", "增速", "增幅", "涨幅", "上涨", "下降", "降低", "减少", "回正", "回升", "提高",
                "提升", "压减", "压缩", "降幅", "同比", "增加", "下滑", "减税", "降")
SHARE_WORDS = ("占", "比重", "占比", "份额", "成")
RATE_WORDS = ("率",)
# A change that is a reduction: "能耗降低2.5%" — the magnitude is the target, more is better.
DECREASE_WORDS = ("下降", "降低", "减少", "压减", "压缩", "降", "减")

# Indicators where less is better (DOMAIN.md): 居民消费价格涨幅3%左右, 城镇调查失业率5.5%以内,
# 用时 1个月以内, 综合考评排名前3, 赤字率2.6%.
LOWER_IS_BETTER = ("价格涨幅", "价格上涨", "消费价格", "失业率", "用时", "时间", "排名", "赤字",
                   "负债率", "杠杆率", "发生率", "死亡", "事故", "浓度", "排放强度", "能耗强度",
                   "时限", "天数")

# Words that carry no indicator meaning and are cut from names:
# "2023年力争新增省级以上专精特新(含小巨人)企业15家" → "新增省级以上专精特新(含小巨人)企业".
NAME_NOISE = ("今年", "全年", "年内", "当年", "全区", "全市", "全省", "全国", "我区", "我市", "我省",
              "进一步", "再", "要", "将", "拟", "实现", "完成", "累计", "共", "其中", "同比", "预计",
              "力争", "确保", "争取", "努力", "计划", "达到", "达", "超过", "突破", "为", "约", "近",
              "分别", "和", "及", "、", "等", "新", "了", "的")

# Verbs that take the counted thing as their object, after the figure:
# "每年引进培育30家左右…初创型新制造业企业" → the indicator is what follows the count.
ACTION_VERBS = ("培育", "引进", "形成", "新增", "建成", "创建", "推进", "建设", "认定", "实施", "完成", "开工",
                "打造", "组织", "带动", "淘汰", "整治", "关停", "招引", "排定", "新建", "改造", "签约", "落地",
                "引育", "入选", "获批", "建立", "举办", "开展", "服务", "走访", "帮扶", "扶持", "支持",
                # 精细化治理1411条背街小巷, 提供11.2万个高校毕业生就业岗位, 打通53条断头路
                "治理", "提供", "改造", "发放", "筹集", "归集", "发布", "覆盖", "打通", "增加", "投放", "提升",
                "设立", "组建", "成立")  # 设立20亿元省级母基金: the size of what is set up

# Verbs of ongoing effort: ``加快推进“多杆合一”等9个省级重大应用试点建设`` gives the size of a list
# of named projects under way, while ``建成北京天坛医院河南医院等5家医院`` promises five hospitals.
EFFORT_VERBS = ("加快", "推进", "推动", "提速", "支持", "做大做强", "做优做强", "稳步推进", "积极推进", "持续推进",
                "深入推进", "大力", "培育壮大", "打造", "谋划", "聚焦", "围绕")
# Verbs that deliver a counted list: 建成/开工/新建/完成 …等N个.
LIST_DELIVERY_VERBS = ("建成", "开工", "新建", "完成", "改善", "抓好", "实施", "新增", "改造", "推出", "办好",
                       "启动", "建设", "开通", "投用", "整治", "打通", "创建")

# Verbs whose object is the figure itself: 实现20项以上…, 达到… (with ACTION_VERBS, LIST_DELIVERY_VERBS).
TARGET_VERBS = ("实现", "达到", "完成", "新增", "增加", "覆盖")

# Verbs that end an indicator's name without naming what is counted (启动…改造, …建成开放).
# The particle of a completed change: 下降了3%.
PERFECTIVE = "了"
# A flow that stayed level: 居民消费价格与上年持平 is a change of 0%.
FLAT = "持平"
# The particle that ends a modifier: what follows it is the thing named (承诺的15件民生实事).
ATTRIBUTIVE = "的"
# Adverbs before a trailing verb: never what an indicator counts (国家区域医疗中心基本建成 counts 中心).
MANNER_ADVERBS = ("基本", "全面", "初步", "率先", "顺利", "如期", "提前", "成功", "全部", "陆续", "相继")
TRAILING_VERBS = ("开放", "启动", "创成", "改扩建", "提标", "升级", "运营", "投运", "推广", "疏浚", "清淤")

# Delivery verbs: a qualitative or milestone commitment is met only on explicit delivery.
# (实现 and 通过 are left out: "实现规上工业增加值…" claims a figure, not a delivery.)
DELIVERY_VERBS = ("建成", "出台", "上线", "完成", "入选", "获批", "投用", "投产", "竣工", "开通",
                  "发布", "印发", "制定", "成立", "启用", "落地", "获评", "建立", "召开", "举办",
                  "开工", "认定", "创建", "挂牌", "签约", "通车")
# Milestone deadlines: "力争2023年一季度完成…平台建设" → 2023-03-31.
DEADLINE_WORDS = (
    ("一季度", "03-31"), ("第一季度", "03-31"), ("上半年", "06-30"), ("二季度", "06-30"),
    ("前三季度", "09-30"), ("三季度", "09-30"), ("年底前", "12-31"), ("年底", "12-31"),
    ("年末", "12-31"), ("四季度", "12-31"),
)
MILESTONE_VERBS = ("完成", "建成", "上线", "投用", "投产", "竣工", "开通", "出台", "启用", "运行", "开工")

# Report-wide statements are never evidence for a single commitment.
REPORT_WIDE = ("主要目标任务", "全年目标任务", "各项目标任务", "目标任务全面完成", "主要预期目标")

# Synonyms folded before indicators are compared: GDP = 地区生产总值 = 国内生产总值; 规上 = 规模以上.
SYNONYMS = {
    "地区生产总值": "GDP",
    "国内生产总值": "GDP",
    "生产总值": "GDP",
    "规模以上": "规上",
    "规模工业": "规上工业",
    "棚户区改造": "棚改",
    "棚户区住房改造": "棚改",
    "上涨": "涨幅",
    "增速": "增长",
    "增幅": "增长",
    "下降": "降低",
    "减少": "降低",
    "压减": "降低",
    "城镇落户": "落户",
    "新增城镇就业": "城镇新增就业",
    "R&D经费支出占GDP比重": "研发投入强度",
    "研发经费投入强度": "研发投入强度",
    "R&D": "研发",
    "比率": "比例",
    "粮食总产量": "粮食产量",
    "粮食总产": "粮食产量",
    "进城落户": "落户",
}

# A whole name that is another's short form: 经济增长5.5%左右 is the GDP's growth.
WHOLE_NAME_SYNONYMS = {"经济": "GDP", "经济总量": "GDP", "新增就业": "城镇新增就业"}

# Per-unit qualifiers make a different indicator: 规上工业亩均增加值 is not 规上工业增加值.
PER_UNIT = ("亩均", "人均", "户均", "单位", "每万人", "劳动生产率")

# Scope: a target at "省级以上" is answered by 省级 and 国家级 figures.
SCOPE_LEVELS = {"国家级": 3, "国家": 3, "省级": 2, "省": 2, "市级": 1, "市": 1, "区级": 0, "县级": 0}

# Words jieba must keep whole (loaded once with the domain dictionary).
DOMAIN_WORDS = (
    "专精特新", "小巨人", "小升规", "规上工业", "规上", "数字经济", "核心产业", "增加值", "专项债券",
    "隐形冠军", "单项冠军", "未来工厂", "智能工厂", "数字化车间", "小微企业园", "绿色工厂", "节水型企业",
    "工业投资", "制造业投资", "技术改造投资", "技改投资", "亩均", "失业率", "调查失业率", "登记失业率",
    "居民消费价格", "国内生产总值", "地区生产总值", "棚改", "易地扶贫搬迁", "贫困人口", "高标准农田",
    "减税降费", "一般工商业电价", "赤字率", "专项债", "首台套", "企业技术中心", "军民融合",
    "共同富裕", "营商环境", "产业链", "供应链", "工业互联网", "标杆示范", "淘汰整治", "清洁生产",
    "城镇新增就业", "农村公路", "农业转移人口", "重点项目", "固定资产投资",
)

# What a reader must be told before trusting a document's result (INTERFACE.md, document.warnings).
WARNINGS = {
    "no_plan_part": "未找到计划部分：文档中没有可识别的工作安排",
    "no_commitment": "计划部分没有识别出任何目标",
    "issuer_from_source": "发布单位取自来源行，请核对",
    "no_issuer": "未能识别发布单位，请在后台指定",
    "no_year": "未能识别文档年份，请在后台指定",
    "unclassified": "未归类（没有规则认领，请核对）",
    "overfull": "有{n}个句子含有超过{cap}个数字（像是粘贴成一行的表格），每句只分析了前{cap}个",
}

# Who republished a document is not who issued it: ``来源：湖北日报``, ``来源：大众新闻客户端``,
# ``来源：吉林省政府网`` name a newspaper, an app or a portal (DOMAIN.md: the issuer is the body).
MEDIA_SUFFIXES = ("日报", "晚报", "早报", "报", "网", "客户端", "电视台", "广播电台", "在线", "新闻", "频道",
                  "APP", "App", "app", "微信公众号", "公众号")
MEDIA_WORDS = ("新闻", "新华社", "融媒", "传媒", "报社", "网站", "门户")

# The body a work report speaks for: ``我代表省人民政府向大会报告工作`` (with the place of the
# title ``2025年湖北省政府工作报告``), ``代表国务院``.
REPORTING_BODIES = ("人民政府", "国务院")
# 我代表省人民政府…, 代表国务院，向大会报告: the body a work report speaks for ({bodies}: REPORTING_BODIES).
REPORTING_PATTERN = (r"我代表([\u4e00-\u9fa5]{{0,12}}?(?:{bodies}))|(?<!人民)代表(?!大会)"
                     r"([\u4e00-\u9fa5]{{0,12}}?(?:{bodies}))[,，]?\s*向大会")
# ``我代表省政府`` is the short name of 省人民政府.
GOVERNMENT_SHORT, GOVERNMENT_FULL = "政府", "人民政府"
# Administrative places that head a body's name: 湖北省, 北京市, 内蒙古自治区, 余杭区.
PLACE_SUFFIXES = ("自治区", "自治州", "特别行政区", "省", "市", "区", "县", "州", "盟", "旗")

# The tense of a part whose heading says nothing (``二、牢记历史使命,在中国式现代化建设中奋勇争先``):
# sentences that promise (力争/确保/要/将/今年) against sentences that report (取得/完成了/一年来).
PLAN_TENSE = ("力争", "确保", "争取", "预期", "今年", "要", "将", "拟", "着力", "抓好", "坚持", "推动", "加快",
              "深化", "强化")
REVIEW_TENSE = ("了", "过去一年", "一年来", "五年来", "取得", "获评", "获批", "入选", "同比", "比上年",
                "建成", "首次", "累计")
# Words that hold a tense character without its meaning (重要, 主要 are not 要; 将近 is not 将).
NOT_TENSE = ("重要", "主要", "需要", "必要", "只要", "要素", "要求", "要点", "纲要", "摘要", "将近", "了解",
             "为了", "除了", "拟定")

# A review of year N often holds a five-year summary too (ASSESS-POLICY P5): a sentence after
# ``五年来``/``“十四五”时期`` reports the period, one after ``一年来``/``过去一年``/``2025年是`` the year.
MULTI_YEAR_MARKERS = ("五年来", "五年间", "过去五年", "这五年", "五年累计")
FIVE_YEAR_PLAN = r"[“\"]?[一二三四五六七八九十]{1,3}五[”\"]?(?:时期|期间|以来|规划实施以来)"
EVERY_YEAR = "每年"  # 城镇新增就业每年超过90万人: in a five-year summary, a figure for each of its years
YEAR_MARKERS = ("一年来", "过去一年", "过去的一年", "刚刚过去的一年", "今年以来", "全年")
# Figures that state a level reached, not the year's increment: ``5G基站增至18.8万个``,
# ``国家先进制造业集群达到6个`` (a stock answers only a stock target).
STOCK_WORDS = ("累计", "截至", "截止", "共有", "总量", "总数", "存量", "保有", "增至", "增加到", "总规模")
# A level reached (``技术合同成交额达到6121亿元``, ``粮食总产稳定在1100亿斤以上``): a year's level even in a
# five-year summary (P5), but no answer to an increment target (新建5G基站2.3万个).
LEVEL_WORDS = ("增加至", "提高至", "提升至", "上升至",
               "达到", "提高到", "提升到", "升至", "迈上", "跃升至", "突破", "稳定在", "保持在", "超过")
INCREMENT_WORDS = ("新增", "新建", "新培育", "新开工", "新认定", "新获批", "净增", "全年")

# ---- Numerals and document structure (numerals.py, docx_text.py, pdf_text.py, sections.py) ----

# Chinese numerals: 十五 → 15, 一万 → 10000, 二〇二三 → 2023 (cn_to_number in numerals.py).
NUMERAL_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                  "七": 7, "八": 8, "九": 9}
NUMERAL_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_ZEROS = "〇零"  # 二〇二三 is written digit by digit; 五六 (five or six) is not 56
NUMERAL_HUNDRED_MILLION = "亿"  # 三亿五千万: 亿 multiplies everything before it
# Word's automatic numbering written out: 零 for 0, 十 for 10 (十一、 二十、);
# 两 counts (两个) but never numbers a heading.
NUMERAL_ZERO, NUMERAL_TEN, NUMERAL_TWO_COUNTED = "零", "十", "两"
# The numerals of heading ordinals: 一、 (一) 第一部分 一是 (used inside a character class).
HEADING_NUMERALS = "一二三四五六七八九十"
# Heading ordinals (sections.py): 第一部分 / 第二章 (level 0), 一、 (1), (一) (2).
HEADING_PART_PATTERN = r"^[ \t]*第([" + HEADING_NUMERALS + "]+)(?:部分|章)"
HEADING_CHAPTER_PATTERN = r"^[ \t]*([" + HEADING_NUMERALS + "]+)[、.]"
HEADING_PAREN_PATTERN = r"^[ \t]*\(([" + HEADING_NUMERALS + r"]+)\)"
# Items inside a paragraph: "…。一是稳增长…二是…" (the copula after the ordinal).
ITEM_COPULA = "是"
# The year character: "2023年工作思路", "(二)2024年主要目标".
YEAR_CHAR = "年"
# A PDF page's number line: "- 3 -", "第 3 页", "3 / 40" (dropped by the reflow).
PAGE_NUMBER_PATTERN = r"^[-—\s]*(第\s*)?\d{1,4}(\s*页)?[-—\s]*$|^\d+\s*/\s*\d+$"
# A line that starts a heading or an item, so a PDF line never runs on into it:
# "第一部分", "一、", "(一)", "1、", "一是".
_N = HEADING_NUMERALS
PDF_HEADING_START_PATTERN = ("^(第[" + _N + "]+部分|[" + _N + "]+[、.]"
                             "|[(（][" + _N + r"\d]+[)）]|\d{1,2}[、.．](?!\d)|[" + _N + "]+是)")
# A portal's page furniture, never the report: "当前位置：首页 > 政务公开", "发布日期：2025-01-20",
# "浏览次数：1234", "【打印】【关闭窗口】".
PORTAL_NOISE_PATTERN = (r"当前位置|首页\s*>|^\s*>|信息索引号|公布日期|发布日期|发布时间|发布单位|发布机构|"
                        r"来源[:：]|信息来源|浏览次数|访问量|字号|【?打印|关闭窗口|分享到|统一编号|公开方式|文号[:：]")
# A paragraph that opens the plan without a heading: "2023年，我们将…", "下一步，要…", "今后…计划…".
PLAN_PARAGRAPH_PATTERN = r"^[ \t]*(?:(\d{4})年|下一步|今后|下阶段)[^。]{0,40}?(将|要|计划|打算)"

# Metadata lines of a saved portal page (html_text.py): "发布日期：2025-01-20", "来源：湖北省人民政府".
PUBLISHED_LABELS = ("发布日期", "发布时间", "公布日期", "日期")
SOURCE_LABELS = ("发布单位", "来源", "信息来源", "发布机构")
# A date as portals write it: 2025-01-20, 2025年1月20日 (without the 日), 2025/1/20, 2025.1.20.
PORTAL_DATE_PATTERN = r"\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2}"

# ---- Commitments (commitments.py) ----

# A target year later than the plan's: "到2025年", "至2027年", "2025年底前" (the year is the group).
LATER_YEAR_PATTERN = r"(?:到|至|于)(\d{4})年|(\d{4})年(?:前|底前|以前)"
# A five-year plan's period as a deadline: "“十四五”期间", "十四五末" (the plan is the group).
PERIOD_LATER_PATTERN = r"[\"“]?(十[三四五六]五)[\"”]?(?:期间|时期|末|时期末)"
FIVE_YEAR_PLAN_END = {"十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
# The year a figure is for: "2023年新增…", but not "2020年以来" / "2020年度以来" (a period's start).
FIGURE_YEAR_PATTERN = r"(\d{4})年(?!度?以来)"
# Words before a figure that make it a floor: "年内至少降低30%", "完成易地扶贫搬迁280万人".
FLOOR_WORDS = ("至少", "不低于", "不少于", "完成")
# 计划 binds only as a verb, before a figure or what it plans: "计划新增…", not "年度计划".
PLAN_VERB = "计划"
PLAN_VERB_OBJECTS = ("新增", "完成", "实现", "建成", "投资", "引进", "培育", "开工", "达到", "实施", "建设", "改造",
                     "创建", "认定")
# A month deadline: "6月底前", "十月份前", "9月末之前" (the month is the group).
MONTH_DEADLINE_PATTERN = r"(\d{1,2}|[" + HEADING_NUMERALS + r"]{1,2})月(?:份)?(?:底|末)?(?:前|之前)"

# ---- Outcomes (outcomes.py) ----

# Words just before a figure that make it a plan or a rule, not a result: "目标新增10家", "补助标准每人2000元",
# "奖励50万元" (the second group: subsidies, close to the figure).
OUTCOME_PLAN_WORDS = ("计划", "目标", "力争", "确保", "争取", "要求", "最高", "不超过", "给予", "补助标准")
SUBSIDY_WORDS = ("奖励", "补助", "补贴", "资助")
# A clause that frames the work reports no result: "聚焦数字社会8条跑道", "全力打造4个世界级先进产业群".
FRAMING_ADVERBS = ("全力", "着力", "加快", "积极", "重点", "大力")
FRAMING_VERBS = ("聚焦", "围绕", "着眼", "瞄准", "紧扣", "对标", "打造", "谋划", "布局")
# A year's total: "全年累计", "1-11月份…累计", "1-12月".
YEAR_TOTAL_PATTERN = r"全年累计|\d+-\d+月(?:份)?[^,;。]{0,10}累计|1-12月"
# The review year named as past: "刚刚过去的2024年".
JUST_PAST = "刚刚过去的"
# A size class after a figure: "10亿元以上项目" (not "以上的", which ends a modifier).
SIZE_CLASS_WORDS = ("以上", "以下")
SIZE_CLASS_ATTRIBUTIVE = ("以上的", "以下的")
# "保持两位数增长": a floor of growth, not a figure reached.
DOUBLE_DIGITS = "两位数"

# ---- Indicator names and measures (indicators.py) ----

# A year label before a name: "2025年度规上工业增加值" → 规上工业增加值.
YEAR_LABEL_PATTERN = r"\d{4}年度?"
# Words that open a clause but no indicator name, cut from its start (with STRENGTH_WORDS between the two
# groups): "同时，全年实现…", "其中规上工业…", "并进一步…".
NAME_LEADING_WORDS = ("今年", "全年", "年内", "当年", "每年", "同时", "此外", "其中", "另外", "并", "且", "而", "以及",
                      "和", "及", "、", "与", "或", "以上", "以下", "左右", "以内", "同比", "环比", "比上年", "较上年")
NAME_LEADING_VERBS = ("要", "将", "拟", "再", "进一步", "全力", "加快", "积极", "持续", "不断", "共", "累计", "预计",
                      "实现", "达到", "分别")
# Words that end a clause before its figure but no indicator name: "…增加值达到", "…排名第", "…保持在".
NAME_TRAILING_PATTERN = (
    r"(?:为|达到|达|超过|超|突破|约|近|至|到|实现|完成|分别|共计|合计|共|在|是|了|的|从|平均|:|\s"
    r"|力争|确保|争取|努力|全省|全市|全国|全区|排名第|位列|位居|居|接近|由|保持|稳定在|高于|低于|快于|慢于|比|继续"
    r"|不少于|不低于|不超过|至少|控制在|保持在|每年|与上年|同比|比上年|较上年|基本|连续|预计)+$")
# Tokens that say nothing of what an indicator is when names are compared (content_tokens).
NAME_STOP_TOKENS = frozenset(
    "的 了 和 与 及 等 在 为 将 要 对 把 以 个 家 项 年 全年 今年 全市 全省 全区 全国 我市 我区 我省 "
    "实现 完成 达到 新增 累计 同比 分别 其中 进一步 力争 确保 争取 努力 推进 推动 加快 开展 工作 "
    "全面 持续 不断 积极 深入 扎实 重点 有效 提升 加强 建设 实施 , 、 ( ) : ; 。 % 以上 左右 以内".split()
)
# Words that say how a figure moved, not what it counts: the measure compares those.
MEASURE_TOKENS = frozenset("增长 降低 涨幅 提高 提升 稳定 保持 控制 回正 回升 上升 比重 占比 占 增加 "
                           "启动 计划 攻坚 行动 约 近 多 余 超过 达 万 亿 平均 压缩".split())
# A multiple is a growth: "营收增长1.5倍", "产量实现翻番".
MULTIPLE_UNIT, DOUBLING = "倍", "翻"
# The percent-like units a measure is told for (share, growth or rate).
PERCENT_BASES = ("%", "个百分点", "百分点", "‰")
# A share: "占GDP比重7%", "…的7%", "超过全市…%".
SHARE_MARKERS = ("占", "比重", "占比", "份额")
SHARE_TAILS = ("的", "超过全市")
# A change just before a percent: "增长8%", "增速为0.1%", "下降了3%" (the class: links after the word).
CHANGE_TAIL_WORDS = ("增长", "增速", "增幅", "涨幅", "上涨", "下降", "降低", "减少", "回正", "回升")
CHANGE_TAIL_LINKS = "为了达到至"
# A level reached: "科技进步贡献率提高到58.5%", "研发投入强度达到3.5%" (a rate, not a change).
LEVEL_TAIL_WORDS = ("提高到", "提升到", "增加到", "达到", "达", "为", "接近", "保持在", "稳定在")
LEVEL_NAME_VERBS = ("提高", "提升", "达到", "达", "为", "接近", "保持", "稳定在", "到", "至")
RATE_NAME_TAILS = ("率", "强度")
RATE_CHAR = "率"
# Characters of a change in a name: 增, 降, 涨 (居民收入增长 is a growth).
CHANGE_CHARS = ("增", "降", "涨")
# A bare scale counts people or households when the name says so: "3000多万人口".
PEOPLE_CHARS = ("人", "户", "口")
# Reductions where less is still better (居民消费价格涨幅, 失业率): never turned into "higher".
LOWER_EVEN_REDUCED = ("价格", "失业率")

# ---- Figures in clauses (figures.py) ----

# The joiners of a list: "A、B和C", "19个城中村及180个…" (used inside character classes).
LIST_JOINERS = "和及与"
LIST_COMMA = "、"
# Names that only say which aspect of the previous subject is counted: 新增上市企业5家,总数达到42家.
GENERIC_NAMES = frozenset({"总数", "总量", "累计", "合计", "总计", "增速", "增幅", "比重", "占比", "规模", "数量"})
# Where a 分别 list's shared tail starts: 高新技术产业、装备制造业增加值占规上工业比重分别为…
SHARED_TAIL_WORDS = ("增加值", "营业收入", "营收", "产值", "投资", "占", "比重", "增速", "增幅", "增长", "数量", "总量")
RESPECTIVELY = "分别"
# A part of the same things: "淘汰整治…企业1340家,其中关停670家".
AMONG_THEM = "其中"
# The end of a list of named things: "建成临沂至滕州等15个项目".
ETC = "等"
# Words after a count before the thing counted: "15项左右…项目", "10亿元以上的重大制造业项目".
NAME_AFTER_LEADS = ("以上", "左右", "以内", "的")
# Measure words at a clause's end, before the figure: "工业投资增长" → 工业投资.
MEASURE_TAIL_WORDS = ("进一步", "增长", "增速", "增幅", "提高", "提升", "下降", "降低", "减少", "上涨", "涨幅", "回正",
                      "为", "到", "至")
# A starting point: "从2.1万家增至3万家", "由…提高到…".
BASELINE_FROM, BASELINE_BY = "从", "由"

# ---- Figures that are no target (rejections.py) ----

# What may follow an amount that is still the amount, not part of a name ("8吉瓦电池片" is a name).
AMOUNT_FOLLOWERS = ",;。、)和及或以左的等其 \n:"
# Words that open a list's clause before its verb: "今年再加快推进…等9个…".
LEADING_TIME_WORDS = ("今年", "全年", "年内", "再", "要", "将")
# Words after a figure before the 的 of a modifier: "总投资10亿元以上的…项目".
NOUN_MODIFIER_LEADS = ("以上", "以下", "左右")
# Unit endings of a figure that can name a thing: "8吉瓦电池片", "10万吨级码头", "300米口径".
NAME_UNIT_TAILS = ("瓦", "吨", "米")
# A figure already reached: "我国60岁以上人口已达2.5亿", "目前现有…".
EXISTING_FACT_PATTERN = r"(已|已经|目前|现有|现行)(达到?|有|超过?|突破|完成|累计)?[^,;。]{0,2}$"
# A difference from last year: "比去年增加8000亿元", "较2024年提高…".
DIFFERENCE_PATTERN = r"(比|较)(去年|上年|上一年|\d{4}年)[^,;。]{0,6}(高|低|增加|减少|多|少|提高|降低)$"
# An approximate number: "区内70余家持证企业".
APPROXIMATE_MORE = "余"
# A document's contents: "“十四五”规划中6项…指标" (but not 其中).
DOCUMENT_CONTENTS_PATTERN = r"[^其]中\d"

# ---- Assessment (assessment.py) ----

# A target at a level and above: "省级以上专精特新企业", "国家级以上" (the level is the group).
SCOPE_AT_LEAST_PATTERN = r"(国家|省|市|区|县)级?以上"
SCOPE_ABOVE = "以上"
LEVEL_SUFFIX = "级"  # 省 → 省级, looked up in SCOPE_LEVELS
# A target that is a level to reach, not an increment: "总数达到42家", "累计建成…".
STOCK_TARGET_WORDS = ("达到", "总数", "累计", "总量", "保有")
# A share's numerator and denominator: "规上工业增加值占GDP比重" → a = 规上工业增加值, b = GDP.
SHARE_PARTS_PATTERN = r"^(?P<a>.+?)占(?P<b>.+?)(?:的)?(?:比重|比例|份额)?$"
# The unit a share's parts are looked for in the review.
SHARE_PART_UNIT = "亿元"
# A named list the review says was completed: "十件民生实事全面完成", "省政府承诺的15件民生实事均已完成".
COMPLETED_LIST_PATTERN = r"([\d\u4e00-\u9fa5“”\"]{2,16}?)(?:已?全面|全部|圆满|均已|如期)(?:完成|兑现|落实到位)"
# The count before a list's name: "十件民生实事" → 民生实事.
LIST_COUNT_PREFIX_PATTERN = r"^[“\"]?[一二三四五六七八九十百\d]+[件项个大条]"
# Report-wide words a list's name never holds: "各项目标任务全面完成".
TARGETS_AND_TASKS = "目标任务"
# A milestone reported done in a month: "9月底建成上线" (the month is the first group).
COMPLETED_MONTH_PATTERN = r"(\d{1,2})月(?:份)?(?:底|末)?[^,;。]{0,10}(完成|建成|上线|投用)"
MONTH_CHAR = "月"

# ---- Quantities (quantities.py) ----

# Approximation marks around a scale: "700余万", "8000多亿元" (used inside a character class).
APPROX_CHARS = "余多"
# Range words between two numbers: "2至3个月", "5到8家" (with -, ~ and —).
RANGE_WORDS = ("至", "到")
# Words before an ordinal that make it a rank: "位列全省第3", "全国排名第一".
RANK_CONTEXT_WORDS = ("全国", "全省", "全市", "全区", "全球", "世界", "同类", "排名", "排", "列", "居", "位列", "位居",
                      "跃居", "保持")
# Words before 前N that make it a rank: "全省前3", "考核进入前十".
TOP_CONTEXT_WORDS = ("全国", "全省", "全市", "全区", "排名", "考评", "考核", "位居", "进入", "跻身", "列")
# Fractions in words: "三分之一" → 33.33 %.
FRACTION_PATTERN = "([" + HEADING_NUMERALS + r"\d]+)分之([" + HEADING_NUMERALS + r"\d]+)"
# Tenths: "9成" → 90 %, but not 成立/成为/成功/成果/成效/成长/成绩/成本/成熟.
TENTHS_PATTERN = r"(?<![" + HEADING_NUMERALS + r"\d])([一二三四五六七八九]|\d)成(?![立为功果效长绩本熟])"
# Ranks in words: "首位", "第一" (not 第一批/第一次…), "第3名", "前3位" (not 前10强).
RANK_WORD_PATTERN = (r"首位|第一(?![批次步个届期])|(?:第|前)(\d+|[" + HEADING_NUMERALS + r"]+)(?![批次步个届期强\d])"
                     r"(?:名|位)?")
# A chain of ordinals before a rank: "第一、第二和第三…" is a list, not one rank.
RANK_CHAIN_PATTERN = r"(?:第(?:\d+|[" + HEADING_NUMERALS + r"]+)[、和及与])+$"
RANK_FIRST_WORDS = ("首位", "第一")  # rank 1
RANK_TOP = "前"  # 前3: at most third
ORDINAL_PREFIX = "第"  # 第二批, 第五届: ordinals, not figures
# Quantities written as words, with their value in %: "一半" 50, "两位数" 10 (a floor), "翻一番" 100.
SPECIAL_QUANTITIES = (("一半", 50), ("两位数", 10), ("翻一番", 100), ("翻两番", 300), ("翻番", 100))
# A single Chinese numeral that starts with a scale is a word, not a figure (百花, 万众); 百万/千亿 neither.
NUMERAL_SCALE_HEADS, NUMERAL_BIG_SCALES, NUMERAL_SMALL_SCALES = "百千万亿", "万亿", "百千"
# Characters before a Chinese numeral that make it a word: 第三, 周一, 星期五, 初一, 礼拜三, 届.
NUMERAL_WORD_PREFIXES = ("第", "周", "星", "初", "礼", "届")
FIVE_YEAR_PLAN_NAMES = ("十四五", "十三五", "十五五")
# Durations that a numeral with 万/亿 never counts ("三万年").
UNSCALED_DURATIONS = ("年", "个月", "天", "日")
# Dates and times after a number: "6月", "15号", "8时", "3季度", "第3日".
DAY_UNITS = ("日",)
DATE_TAILS = ("月", "号", "时", "点", "季度")
ANNUAL_SUFFIX = "度"  # 2023年度
WEEK_UNIT = "周"  # 100周年: an anniversary
# Scales that stand as a figure without a base unit: "3000万", "1.2亿" (but "3百" alone is not one).
STANDALONE_SCALES = ("万", "亿", "万亿", "千万", "百万", "十万")
NAME_LIST_TAIL = "单"  # 名单: a list, not a count of people

# ---- Document fields (metadata.py) ----

# A date in a header, a signature or a speech line: "2025年1月20日", "2025-01-20", "2025.1.20" (y, m, d groups).
METADATA_DATE_PATTERN = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
# The labels of a header date: "发布日期：2025-01-20", "成文日期 2025年1月20日".
HEADER_DATE_LABELS = ("公布日期", "发布日期", "发布时间", "成文日期", "日期")
DAY_CHAR = "日"  # a signature date: "2025年1月20日"
# A speech's date line: "——2023年1月15日在浙江省第十四届人民代表大会第一次会议上" (after the date).
SPEECH_DATE_TAIL_PATTERN = r"日?在[^\n]{2,40}(?:会议|大会)上"
# The portal's line naming who issued the document ("发布机构：湖北省人民政府") and who republished it ("来源：…").
PUBLISHER_LABELS = ("发布单位", "发布机构")
SOURCE_LINE_LABELS = ("信息来源", "来源")
# A work report's title names its place: "2025年湖北省政府工作报告" ({places}: PLACE_SUFFIXES).
TITLE_PLACE_PATTERN = r"(?:\d{{4}}年度?)?([\u4e00-\u9fa5]{{1,12}}?(?:{places}))(?:人民)?政府工作报告"
# How a body's name ends: "区经信局", "省经信厅", "市人民政府", "市政府办公室".
ORG_END_WORDS = ("局", "厅", "委员会", "委", "人民政府", "政府", "办公室", "办", "中心", "系统")
# An economy-and-information bureau named in the text: "余杭区经信局", "市发展改革委".
ORG_IN_TEXT_PATTERN = (r"((?:[\u4e00-\u9fa5]{2,6}?(?:省|市|区|县)|[省市区县])?(?:经信厅|经信局|经信系统|发改经信局|"
                       r"发改局|发展和改革局|发展改革委|经信科技局|经济和信息化局|经济和信息化厅))")
# Years in a title: "2022年总结" (review), "2023年思路" / "2024年工作要点" (plan).
REVIEW_TITLE_PATTERN = r"(\d{4})年度?[^\d]{0,8}?(?:总结|回顾|工作情况)"
PLAN_TITLE_PATTERN = r"(\d{4})年度?[^\d]{0,8}?(?:思路|计划|安排|打算|要点|目标|任务)"
# Words of a document's title (not of a breadcrumb or a heading): "嘉兴市经信工作2021年总结和2022年思路".
TITLE_WORD_LIST = ("总结", "思路", "计划", "报告", "答复", "要点", "安排", "工作")
REPORT_TITLE_WORDS = ("报告", "答复")
# A title that reviews: "2023年工作总结", "政府工作报告" (a plan title without them only plans).
REVIEW_TITLE_WORDS = ("总结", "回顾", "报告")
# The body before the year or 关于 in a title: "区经信局2023年工作总结", "市经信局关于…的答复".
TITLE_ORG_PATTERN = r"^(.{2,20}?)(?:\d{4}年|关于)"
# A place named in the text: "余杭区", "嘉兴市" (the place's name and its suffix).
PLACE_PATTERN = r"([\u4e00-\u9fa5]{2})(区|市|县|省)"
PLACE_HEADS = "区市县省"  # "区经信局" lacks its place: 余杭区经信局
# Two characters before 区/市/县/省 that are no place: 工业区, 全市, 上市, 兄弟省.
NOT_PLACES = {"工业", "核心", "协同", "示范", "开发", "高新", "地区", "社区", "试验", "功能", "保税", "景区", "自贸",
              "全区", "我区", "本区", "辖区", "片区", "校区", "街区", "先行", "全市", "我市", "城市", "本市", "超市",
              "上市", "各市", "省市", "全县", "我县", "集聚", "园区", "城区", "新区", "山区", "产业", "承载",
              "全省", "我省", "本省", "各省", "外省", "兄弟"}
NOT_PLACE_ENDS = ("全", "我", "本", "各")  # 全区, 我市, 本县, 各省

# ---- Responsible units (responsibility.py) ----

# A label naming who carries a task, before a colon: "（牵头单位：市发展改革委；责任单位：各区县政府）".
# A label holding a lead verb (牵头单位) is preferred to a duty one (责任单位).
RESPONSIBLE_LABELS = ("牵头单位", "牵头部门", "责任单位", "责任部门", "主责单位", "主责部门", "承办单位")
RESPONSIBLE_LEAD_VERBS = ("牵头",)  # "由市经信局牵头", "市商务局牵头推进"
RESPONSIBLE_DUTY_VERBS = ("负责",)  # "由各区县政府负责"
RESPONSIBLE_BY = "由"
RESPONSIBLE_NOT_AFTER_VERB = ("人", "同志")  # 负责人, 负责同志: a person, not a unit's duty
# How a body's name ends, before 牵头/负责 without 由: "市发改委牵头", "区经信局负责".
RESPONSIBLE_ORG_ENDS = ("局", "委", "厅", "办", "部", "中心", "政府", "委员会", "办公室", "管委会", "院", "室",
                        "处", "科", "集团", "公司", "街道", "镇", "乡", "协会", "商会", "所", "站")
# Where a long run before 牵头 starts its body's name: "加快推进市商务局牵头" → "市商务局".
RESPONSIBLE_LEVEL_HEADS = ("各", "省", "市", "区", "县", "镇", "乡", "街道")
RESPONSIBLE_NOT_UNITS = ("全部", "内部", "局部", "各部")
