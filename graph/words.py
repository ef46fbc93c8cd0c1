"""Closed word classes used by the extraction rules (general Chinese grammar).

>>> is_quantity("一批"), is_quantity("一代"), is_quantity("2026")
(True, False, True)
"""
from __future__ import annotations

import re

# What a company is to another, written before its name (其孙公司深圳市…有限公司).
COMPANY_ROLES = frozenset({"母公司", "子公司", "分公司", "孙公司", "参股公司", "全资子公司", "控股子公司", "关联公司"})
# Words that end a name when met while reading leftwards from a suffix.
BOUNDARY_WORDS = COMPANY_ROLES | frozenset("""
与 和 及 以及 同 跟 向 对 在 于 由 为 是 的 了 等 将 把 被 让 从 至 到 并 也 都 还 又 其 该 本 此 这 那 各 每
及其 或 而 但 且 就 即 以 因 则 所 之 着 过 给 比 更 最 很 已 已经 正 正在 曾 均 共 已于 还将 将于 并于 于是
本次 此次 这次 该项 上述 相关 有关 我 我们 我国 我省 我市 我区 我县 我院 我校 我会 你们 他们 双方 三方 各方 多方
作为 包括 其中 目前 近日 日前 随后 同时 同期 此外 另外 据悉 据了解 据介绍 会上 期间 当天 当日 今年 去年 明年
签署 签订 签约 签下 举行 召开 举办 主办 承办 发布 启动 宣布 表示 出席 参加 参与 揭牌 成立 联合 共建 携手 联手
牵手 打造 建设 投资 出资 入股 注资 参股 增资 领投 跟投 参投 入驻 落户 位于 地处 访问 考察 参观 到访 介绍 说 指出 强调 获得 成为 依托 立足
推动 加快 促进 布局 集聚 聚焦 完成 实现 开展 推进 加强 支持 引进 培育 组建 设立 创建 筹建 新建 拟 预计 达成 迎来
历任 曾任 现任 时任 原任 前任 担任 出任 兼任 升任 当选 被选为 走马上任 少数 多数 部分 一些 许多 进入 走出
旗下 下属 会同 交由 来自 转让 受让 收购 并购 购买 出售 持有 增持 减持 选择 也就是说 诉 起诉
拥有 发挥 助力 赋能 形成 构建 入选 纳入 印发 出台 颁布 推出 亮相 上市 开工 奠基 竣工 投产 运营 落地 致辞 主持
代表 带领 率 率领 陪同 会见 会谈 见证 宣读 共同 分别 正式 成功 首次 进一步 全力 积极 持续 深入 扩大 追加 承诺
标志 标志着 意味着 旨在 围绕 面向 针对 通过 利用 基于 按照 根据 经过 随着 伴随 关于 涉及 覆盖 联动 吸引 服务
举办地 研制 研发出 研制出 发表 发表于 取得 交流 对接 洽谈 招商 合作 揭开 搭载 配备 接入 部署 计划 宣告
希望 期待 要求 希望项目 投资方 合作方 出资方 关联方 控股方 甲方 乙方 股东 巨头 企业 单位 会员 会员单位 成员单位
直至 超越 公布 不会 有望 领导 嘉宾 负责人 记者 通讯员 新任
前往 来到 走进 也是 就是 还是 都是 正是 亲临 莅临 上半年 下半年 全年
经销商 供应商 代理商 承包商 开发商 运营商 服务商 制造商 生产商 客户 合作伙伴 竞争对手 对手 隶属 隶属于
大股东 控股股东 第一大股东
简称 以下简称 下称 又称 也称 统称 俗称 原名 现名 简介
任命 选举 产生 上市公司 日电 经 正由 发明人 获
可能 能够 可以 应该 应当 必须 需要 要 不得 不能 高于 低于 大于 小于 在于 本报讯 兼 调任 转任 改任 接任 继任
""".split())

# Verbs of a clause with a name as its object (中标|…项目, 申报|…基地, 就读于|…大学); no name of the
# labelled sets holds one.
CLAUSE_VERBS = frozenset("""中标 申报 进行 终止 就读 就读于 借助 拨入 承建 承接 获批 回应 离开 辞去 认购
导致 收回 质疑 批评 说服 帮助 拿到 拿下 一举中标 收到 审核 超过 看好 入主 发起 指定 竞买 划入 用于 实施
冠名 委托 了解 明确 涉嫌 拟向 接连 恰逢 传言 选址 选址于 现身 出席 参加 列席 莅临 亲临 观摩 所属 旗下 下属""".split())
# Business functions that before a post are part of its title, not a body (财务总监, 市场部 is a body).
FUNCTION_AREAS = frozenset("""财务 技术 市场 销售 运营 人力资源 人事 行政 品牌 产品 采购 法务 营销 公关
投资 信息 质量 生产 工程 设计 创意 艺术 内容 数据 安全 风控 风险 合规 战略 客服 财经 业务""".split())
# Words for a kind of park, which name none (园区党工委, 开发区管委会 are the article's park's bodies).
PARK_KINDS = frozenset("园区 开发区 高新区 经开区 自贸区 新区 保税区 综保区 产业园 工业园 片区 新片区".split())
# Words before a post that make it another of the same rank (轮值董事长, 常务副总经理, 名誉会长).
TITLE_MODIFIERS = frozenset("""轮值 常务 名誉 荣誉 代理 候任 执行 专职 兼职 驻会 首席 正处级 副处级 正厅级 副厅级 正局级 副局级 正科级
副科级 一级 二级 三级 四级 荣休 客座 特聘 历届 历任""".split())
# Verbs that are often part of an organisation's name (研究开发中心, 华星控股集团).
NAME_VERBS = frozenset("""研发 发展 创新 合作 服务 制造 投资 建设 研究 设计 管理 培养 交流 促进 孵化 检测 测试 加工 转化 协同
集成 开发 附属 储能 接口 创业 育种 合成 治理 运营 营销 监测 教育 规划 勘察 实验 评估 诊疗 智造 互联 控股 融资 担保 发电 招商 保险 物流 租赁 证券 信托
""".split())
# Trades jieba tags as verbs: before 公司 they name the business, not an act (拍卖公司, 联运公司).
TRADE_VERBS = frozenset("""拍卖 发行 包装 出版 联运 超导 节能 保荐 承销 托管 结算 搬家 安装 维修 开采
采矿 冶炼 铸造 锻造 种植 配送 快递 装修 出租 演出 认证 照明""".split())
# The short names of China's eight democratic parties, which begin names of their branches (民进深圳市委).
PARTY_NAMES = frozenset("民革 民盟 民建 民进 农工党 致公党 九三学社 台盟".split())
# Modifier words that on their own do not make a name ("重点项目", "产业园").
GENERIC_WORDS = frozenset("""
产业 合作 投资 示范 重点 创新 发展 科技 技术 研发 重大 新 相关 国家 全国 地方 专业 优质 核心 综合 特色 临床
应用 服务 管理 建设 未来 战略 高端 一流 大型 首个 首家 现代化 标志性 集中 储备 签约 扶持 专项 转化 生产 制造
市场 市场化 资本 运作 平台 公共 区域 国内 重磅 优势 新兴 传统 主要 各类 多个 一批 系列 智能
智慧 数字 绿色 低碳 生态 文化 旅游 教育 医疗 康复 人才 企业 公司 单位 机构 高校 高新 工业 商业 农业 现代 先进
实体 示范性 重要 标杆 龙头 头部 中小 民营 国有 省级 市级 区级 县级 国家级 部级 省部级 联合 协同 共享 开放 孵化
加速 科研 研究 实验 工程 基础 前沿 关键 共性 新型 新一代 上下游 配套 综合性 专科 三甲 分 总 副 该 本 此
专业化 规模化 特色化 高质量 多元化 产业化 集群 示范点 试点 备案 储备 重点项目 个
挂牌 揭牌 开工 奠基 捐赠 启动 开幕 闭幕 颁奖 成果 转化 签字
现有 原有 律师 会计师
注册 实缴 认缴 社会 风险 民间 私人 外国 私募 天使 新开工 在建 续建 拟建 已建 新建 新签约 竣工 投产 全国 全省 全市 全区 全县
全资 间接 直接 附属 参股 合资 独资 外资 内资 国内 国外 海外 境内 境外 租赁 担保 典当 拍卖 物业 经纪 中介 运输 航运
周年 具体 本届 首届 年度 第一 各县
实业 房地产 置业 地产 贸易 商贸 物流 电子 信息 能源 新能源 材料 新材料 建材 化工 机械 电器 食品 医药 药业
生物 传媒 网络 软件 环保 建筑 咨询 金融 证券 保险 银行 汽车 航空 电力 通信 有限
""".split())

# Words a company's short name ends with, naming its line of business (隆基|股份, 赣锋|锂业, 三一|重工, 晶科|能源,
# 中芯|国际, 宁德|时代): the stock-exchange style of naming listed companies.
BUSINESS_ENDINGS = frozenset("""股份 集团 控股 科技 电子 电气 电器 光电 光能 能源 电源 电力 新能 锂业 锂能 锂电 电池 重工 机械 装备
精工 精密 智能 智造 汽车 客车 动力 半导体 微电 通信 信息 软件 网络 传媒 影视 医药 药业 制药 生物 医疗 化工
材料 新材 钢铁 特钢 矿业 有色 黄金 水泥 建材 建工 环保 水务 燃气 石化 石油 煤业 能化 食品 乳业 酒业 农业 牧业 种业
纺织 服饰 家电 家居 地产 置业 物流 航空 航天 船舶 港口 银行 证券 保险 信托 国际 时代 实业 商贸 百货""".split())

# Words that before an event's suffix say what kind of gathering it is, who meets or when, not which one
# (新闻发布会, 员工大会, 表彰大会, 协议签字仪式, 这场发布会): an event named with only these (and numbers) is generic.
EVENT_WORDS = frozenset("""新闻 产品 新品 员工 职工 干部 党员 教师 师生 全体 全员 会员 股东 债权人 读者 媒体 电话 视频 网上 线上 线下
现场 官方 国际 世界 全球 高峰 高层 高级别 专家 系列 策略 情况 项目 业绩 中期 年中 年终 季度 庆祝 表彰 欢迎 欢送 答谢
开业 开机 交接 交付 订单 定单 告别 遗体 宣誓 誓师 颁奖 决赛 纪念 动员 工作 总结 部署 推进 通报 见面 交流 对接
洽谈 招聘 招商 引资 推介 主题 专题 学术 培训 宣讲 联欢 迎新 新春 春节 协议 合同 备忘录 万人 全场景 摄影 新秀
产业链 供需 银企 校企 政企 产学研 战略 合作 框架 集中 投资 重大 重点 签字 签约 开工 奠基 揭牌 启动 开幕 闭幕 挂牌 捐赠 这场 这次 此次 本次 那场 那次 当天 当日 今天 昨天 今日 昨日""".split())

# Measure words that, tagged as numerals on their own (12|家), end a name read leftwards.
CLASSIFIERS = "个项家批位名只件种座条场届次号期款台辆所间栋支份艘架"
QUANTITY = re.compile(rf"^[0-9０-９.零一二三四五六七八九十百千两几多数首每各近超约逾第]+(?:[{CLASSIFIERS}年月日亿万元%倍余来多]|季度)*$")
YEAR = re.compile(r"^(19|20)\d\d(年)?$")
PUNCT = set("，,。．.！!？?；;：:、“”‘’\"'《》「」『』〈〉【】[]（）()—–-…·•/ \t\u3000")
NAME_INNER_PUNCT = set("·•-()")


def is_quantity(word: str) -> bool:
    """Numerals, ordinals and measure words such as 一批, 首个, 2026, 第十届."""
    return bool(QUANTITY.match(word))


# Qualifiers that, after a place, still do not make a name (天津市三甲医院).
PLACE_QUALIFIERS = frozenset("""三甲 重点 相关 有关 主要 大型 各类 部分 优质 骨干 龙头 头部 规上 中小 民营 国有 地方 本地 当地
全市 全省 全区 全县 各级 多家 首批 新建 现有""".split())
LEADING_ADJECTIVES = frozenset("""专业化 市场化 规模化 特色化 现代化 高质量 一流 优质 重磅 新型 全新 大型
首批 原""".split())
FUNCTION_CHARS = set("着以了的在对与和把被将向于由从为是")


def is_generic_phrase(words: list[str]) -> bool:
    """True when every word is a generic modifier (or a quantity).

    >>> is_generic_phrase(["重磅", "产业", "合作"]), is_generic_phrase(["脑机", "接口"])
    (True, False)
    """
    return all(w in GENERIC_WORDS or is_quantity(w) or w in PUNCT for w in words)
