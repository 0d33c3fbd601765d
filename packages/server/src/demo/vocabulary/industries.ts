/**
 * The customers' industries. Each carries the business words a company name in it uses (exactly
 * BUSINESS_VARIANTS, all distinct across industries, so a name's words decide its industry), how much
 * revenue a head brings its company (万元 per employee) and the gross margin we earn selling into it.
 */
export interface Industry {
  readonly name: string;
  readonly weight: number;
  readonly businesses: readonly string[];
  /** Company revenue per employee, in 万元 (10,000 CNY). */
  readonly revenuePerEmployee: number;
  /** Our gross margin rate on sales to this industry, before the category's adjustment. */
  readonly marginRate: number;
}

export const BUSINESS_VARIANTS = 12;

export const INDUSTRIES: readonly Industry[] = [
  { name: '制造业', weight: 20, revenuePerEmployee: 80, marginRate: 0.24, businesses: ['精密机械', '机电设备', '五金制品', '模具', '自动化设备', '电子元件', '液压设备', '工业装备', '精工制造', '金属制品', '智能装备', '传动机械'] },
  { name: '零售', weight: 8, revenuePerEmployee: 120, marginRate: 0.18, businesses: ['商贸', '百货', '连锁超市', '零售连锁', '便利店', '商业管理', '购物中心', '家居卖场', '电器连锁', '生活超市', '母婴用品', '品牌零售'] },
  { name: '医药健康', weight: 8, revenuePerEmployee: 150, marginRate: 0.34, businesses: ['医药', '生物科技', '医疗器械', '药业', '健康科技', '制药', '生物医药', '医疗科技', '诊断技术', '医药连锁', '康复器械', '基因科技'] },
  { name: '金融', weight: 5, revenuePerEmployee: 300, marginRate: 0.38, businesses: ['融资租赁', '保险经纪', '投资管理', '资产管理', '商业保理', '小额贷款', '金融服务', '财富管理', '融资担保', '金融信息', '支付科技', '征信服务'] },
  { name: '互联网', weight: 8, revenuePerEmployee: 120, marginRate: 0.36, businesses: ['网络科技', '信息技术', '软件', '数据科技', '云计算', '数字科技', '互联网科技', '智能科技', '信息服务', '电子商务', '网络技术', '计算机系统'] },
  { name: '物流', weight: 7, revenuePerEmployee: 90, marginRate: 0.15, businesses: ['物流', '供应链管理', '国际货运', '快运', '仓储服务', '冷链物流', '运输', '货运代理', '供应链', '物流科技', '集装箱运输', '速运'] },
  { name: '能源', weight: 5, revenuePerEmployee: 250, marginRate: 0.22, businesses: ['新能源', '电力', '光伏科技', '燃气', '热力', '储能科技', '风电', '清洁能源', '电力工程', '节能科技', '能源科技', '能源发展'] },
  { name: '化工', weight: 6, revenuePerEmployee: 200, marginRate: 0.2, businesses: ['化工', '新材料', '精细化工', '化学', '涂料', '塑胶', '化学工业', '高分子材料', '日化', '助剂', '树脂', '橡胶制品'] },
  { name: '汽车', weight: 7, revenuePerEmployee: 180, marginRate: 0.19, businesses: ['汽车零部件', '汽车部件', '汽车电子', '车业', '汽车销售服务', '汽车配件', '车辆装备', '动力科技', '汽车科技', '底盘系统', '汽车内饰', '汽配'] },
  { name: '食品饮料', weight: 7, revenuePerEmployee: 100, marginRate: 0.21, businesses: ['食品', '饮料', '乳业', '酒业', '食品科技', '调味品', '农产品', '粮油', '茶业', '烘焙食品', '肉制品', '冷冻食品'] },
  { name: '建筑', weight: 7, revenuePerEmployee: 110, marginRate: 0.17, businesses: ['建设工程', '建筑工程', '建材', '装饰工程', '市政工程', '钢结构', '工程设计', '建筑安装', '幕墙工程', '路桥工程', '园林工程', '水泥制品'] },
  { name: '教育', weight: 4, revenuePerEmployee: 40, marginRate: 0.3, businesses: ['教育科技', '教育咨询', '培训', '文化传播', '职业培训', '在线教育', '教育装备', '图书', '出版', '学习科技', '研学', '教育服务'] },
  { name: '电子信息', weight: 8, revenuePerEmployee: 150, marginRate: 0.27, businesses: ['半导体', '集成电路', '光电', '电子科技', '微电子', '通信设备', '光电科技', '电子材料', '显示科技', '芯片', '传感技术', '电子系统'] },
]; // prettier-ignore

/** What we sell: price level relative to the customer's typical order, margin adjustment, how often bought. */
export interface Category {
  readonly name: string;
  readonly weight: number;
  readonly priceFactor: number;
  readonly marginAdjustment: number;
}

export const CATEGORIES: readonly Category[] = [
  { name: '核心设备', weight: 14, priceFactor: 2.6, marginAdjustment: -0.05 },
  { name: '备品备件', weight: 28, priceFactor: 0.55, marginAdjustment: 0.07 },
  { name: '耗材', weight: 26, priceFactor: 0.35, marginAdjustment: 0.03 },
  { name: '软件授权', weight: 9, priceFactor: 1.4, marginAdjustment: 0.28 },
  { name: '技术服务', weight: 15, priceFactor: 0.8, marginAdjustment: 0.12 },
  { name: '系统集成', weight: 8, priceFactor: 3.2, marginAdjustment: -0.08 },
];

export const CHANNELS = ['直销', '经销商', '线上商城', '招投标'] as const;

export const COMPANY_SUFFIXES = ['有限公司', '股份有限公司', '有限责任公司'] as const;
export const GROUP_SUFFIX = '集团有限公司';
