/**
 * Regions (大区) → provinces → cities, each city weighted by roughly how many B2B buyers it holds, so
 * the book leans to 华东 and 华南 the way a real Chinese customer list does.
 */
export interface City {
  readonly name: string;
  readonly province: string;
  readonly region: string;
  readonly weight: number;
}

export const REGIONS = ['华东', '华南', '华北', '华中', '西南', '西北', '东北'] as const;
export type Region = (typeof REGIONS)[number];

type ProvinceSpec = readonly [province: string, cities: readonly (readonly [name: string, weight: number])[]];

const GEOGRAPHY: Readonly<Record<Region, readonly ProvinceSpec[]>> = {
  华东: [
    ['上海', [['上海', 40]]],
    ['江苏', [['南京', 14], ['苏州', 22], ['无锡', 12], ['常州', 8], ['南通', 7], ['徐州', 5]]],
    ['浙江', [['杭州', 20], ['宁波', 13], ['温州', 8], ['嘉兴', 6], ['绍兴', 6], ['金华', 5], ['台州', 5]]],
    ['安徽', [['合肥', 10], ['芜湖', 4]]],
    ['福建', [['福州', 8], ['厦门', 9], ['泉州', 7]]],
    ['江西', [['南昌', 6]]],
    ['山东', [['济南', 10], ['青岛', 12], ['烟台', 6], ['潍坊', 5]]],
  ],
  华南: [
    ['广东', [['广州', 26], ['深圳', 32], ['东莞', 13], ['佛山', 12], ['珠海', 5], ['中山', 5], ['惠州', 5]]],
    ['广西', [['南宁', 6], ['柳州', 4]]],
    ['海南', [['海口', 3]]],
  ],
  华北: [
    ['北京', [['北京', 34]]],
    ['天津', [['天津', 14]]],
    ['河北', [['石家庄', 7], ['唐山', 5], ['保定', 4]]],
    ['山西', [['太原', 5]]],
    ['内蒙古', [['呼和浩特', 3], ['包头', 3]]],
  ],
  华中: [
    ['河南', [['郑州', 12], ['洛阳', 5]]],
    ['湖北', [['武汉', 16], ['宜昌', 4], ['襄阳', 4]]],
    ['湖南', [['长沙', 13], ['株洲', 4]]],
  ],
  西南: [
    ['重庆', [['重庆', 14]]],
    ['四川', [['成都', 18], ['绵阳', 4]]],
    ['贵州', [['贵阳', 5]]],
    ['云南', [['昆明', 6]]],
  ],
  西北: [
    ['陕西', [['西安', 12]]],
    ['甘肃', [['兰州', 4]]],
    ['宁夏', [['银川', 2]]],
    ['新疆', [['乌鲁木齐', 3]]],
    ['青海', [['西宁', 2]]],
  ],
  东北: [
    ['辽宁', [['沈阳', 8], ['大连', 9]]],
    ['吉林', [['长春', 6]]],
    ['黑龙江', [['哈尔滨', 6]]],
  ],
}; // prettier-ignore

export const CITIES: readonly City[] = REGIONS.flatMap((region) =>
  GEOGRAPHY[region].flatMap(([province, cities]) =>
    cities.map(([name, weight]) => ({ name, province, region, weight })),
  ),
);

/** Share of the book in each region (the sum of its cities' weights). */
export function regionWeight(region: string): number {
  return CITIES.filter((city) => city.region === region).reduce((sum, city) => sum + city.weight, 0);
}
