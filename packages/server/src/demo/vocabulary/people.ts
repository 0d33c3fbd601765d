/**
 * Names of people and brands, each character with its pinyin (for e-mail addresses and web domains).
 * Surnames are weighted by how common they are; given names are one or two characters.
 */
export type Syllable = readonly [hanzi: string, pinyin: string];

export const SURNAMES: readonly (readonly [hanzi: string, pinyin: string, weight: number])[] = [
  ['王', 'wang', 72], ['李', 'li', 70], ['张', 'zhang', 68], ['刘', 'liu', 52], ['陈', 'chen', 46],
  ['杨', 'yang', 32], ['黄', 'huang', 25], ['赵', 'zhao', 21], ['吴', 'wu', 20], ['周', 'zhou', 19],
  ['徐', 'xu', 15], ['孙', 'sun', 14], ['马', 'ma', 13], ['朱', 'zhu', 13], ['胡', 'hu', 12],
  ['郭', 'guo', 12], ['何', 'he', 11], ['林', 'lin', 10], ['高', 'gao', 10], ['罗', 'luo', 10],
  ['郑', 'zheng', 9], ['梁', 'liang', 9], ['谢', 'xie', 8], ['宋', 'song', 7], ['唐', 'tang', 7],
  ['许', 'xu', 7], ['韩', 'han', 6], ['冯', 'feng', 6], ['邓', 'deng', 6], ['曹', 'cao', 6],
  ['彭', 'peng', 5], ['曾', 'zeng', 5], ['肖', 'xiao', 5], ['田', 'tian', 5], ['董', 'dong', 5],
  ['潘', 'pan', 4], ['袁', 'yuan', 4], ['蔡', 'cai', 4], ['蒋', 'jiang', 4], ['余', 'yu', 4],
  ['于', 'yu', 4], ['杜', 'du', 4], ['叶', 'ye', 4], ['程', 'cheng', 4], ['魏', 'wei', 3],
  ['苏', 'su', 3], ['吕', 'lv', 3], ['丁', 'ding', 3], ['任', 'ren', 3], ['沈', 'shen', 3],
]; // prettier-ignore

export const GIVEN_NAME_CHARACTERS: readonly Syllable[] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'],
  ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['娟', 'juan'],
  ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['秀', 'xiu'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'],
  ['英', 'ying'], ['华', 'hua'], ['玉', 'yu'], ['萍', 'ping'], ['红', 'hong'], ['鹏', 'peng'], ['辉', 'hui'],
  ['建', 'jian'], ['国', 'guo'], ['文', 'wen'], ['斌', 'bin'], ['宇', 'yu'], ['浩', 'hao'], ['凯', 'kai'],
  ['健', 'jian'], ['俊', 'jun'], ['帆', 'fan'], ['雪', 'xue'], ['婷', 'ting'], ['琳', 'lin'], ['晨', 'chen'],
  ['欣', 'xin'], ['颖', 'ying'], ['佳', 'jia'], ['子', 'zi'], ['涵', 'han'], ['思', 'si'], ['雨', 'yu'],
  ['博', 'bo'], ['志', 'zhi'], ['海', 'hai'], ['晓', 'xiao'], ['春', 'chun'], ['立', 'li'], ['东', 'dong'],
  ['亮', 'liang'], ['慧', 'hui'], ['倩', 'qian'], ['露', 'lu'],
]; // prettier-ignore

/** Characters company brands are made of (two per brand; three when the book outgrows two). */
export const BRAND_SYLLABLES: readonly Syllable[] = [
  ['恒', 'heng'], ['瑞', 'rui'], ['华', 'hua'], ['鑫', 'xin'], ['达', 'da'], ['通', 'tong'], ['泰', 'tai'],
  ['安', 'an'], ['宏', 'hong'], ['远', 'yuan'], ['海', 'hai'], ['盛', 'sheng'], ['兴', 'xing'], ['隆', 'long'],
  ['德', 'de'], ['信', 'xin'], ['诚', 'cheng'], ['嘉', 'jia'], ['锦', 'jin'], ['丰', 'feng'], ['益', 'yi'],
  ['昌', 'chang'], ['永', 'yong'], ['祥', 'xiang'], ['富', 'fu'], ['康', 'kang'], ['力', 'li'], ['博', 'bo'],
  ['创', 'chuang'], ['新', 'xin'], ['天', 'tian'], ['润', 'run'], ['和', 'he'], ['汇', 'hui'], ['源', 'yuan'],
  ['正', 'zheng'], ['明', 'ming'], ['光', 'guang'], ['东', 'dong'], ['方', 'fang'], ['金', 'jin'], ['宇', 'yu'],
  ['航', 'hang'], ['凯', 'kai'], ['威', 'wei'], ['科', 'ke'], ['捷', 'jie'], ['联', 'lian'], ['合', 'he'],
  ['亚', 'ya'], ['立', 'li'], ['宝', 'bao'], ['弘', 'hong'], ['晟', 'sheng'], ['卓', 'zhuo'], ['越', 'yue'],
  ['美', 'mei'], ['佳', 'jia'], ['万', 'wan'], ['顺', 'shun'], ['启', 'qi'], ['迪', 'di'], ['辉', 'hui'],
  ['耀', 'yao'], ['鸿', 'hong'], ['运', 'yun'], ['腾', 'teng'], ['飞', 'fei'], ['骏', 'jun'], ['驰', 'chi'],
  ['翔', 'xiang'], ['云', 'yun'], ['峰', 'feng'], ['澜', 'lan'], ['川', 'chuan'], ['蓝', 'lan'], ['星', 'xing'],
  ['辰', 'chen'], ['旭', 'xu'], ['朗', 'lang'], ['睿', 'rui'], ['智', 'zhi'], ['誉', 'yu'], ['铭', 'ming'],
  ['钧', 'jun'], ['鼎', 'ding'], ['晶', 'jing'], ['峻', 'jun'], ['昊', 'hao'], ['泓', 'hong'], ['沃', 'wo'],
  ['拓', 'tuo'], ['展', 'zhan'], ['众', 'zhong'], ['普', 'pu'], ['宁', 'ning'], ['昇', 'sheng'], ['浩', 'hao'],
]; // prettier-ignore

/** Job titles by the contact's role in the buying decision. */
export const TITLES_BY_ROLE = {
  decision_maker: ['总经理', '副总经理', '采购总监', '董事长', '运营副总裁', '首席执行官'],
  influencer: ['技术总监', '财务总监', '生产经理', '质量总监', '信息化负责人', '项目总监'],
  user: ['采购专员', '工程师', '项目经理', '设备主管', '运营专员', '仓储主管', '采购经理'],
  champion: ['采购经理', '技术经理', '部门经理', '项目负责人'],
  blocker: ['财务经理', '法务经理', '审计主管', '副总经理'],
} as const;

export interface PersonName {
  readonly name: string;
  /** surname.given in pinyin, e.g. "wang.fang". */
  readonly handle: string;
}
