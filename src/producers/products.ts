// Words for the goods the region trades, in English, Russian, Kazakh and Uzbek (and for the goods most
// traded, Kyrgyz, Tajik, Turkmen and Azerbaijani), each with the HS codes it
// names: what lets "медный катод", "mis katod" and "copper cathode" all reach producers of HS 7403.
// Written for Keruen from the HS 2022 headings; a word is a stem matched at the start of a query's words
// after both go through the search key (so Cyrillic and Latin spellings of one word meet).
import { searchKey } from './translit.js';

interface Concept {
  hs: readonly string[];
  words: readonly string[];
}

// Order: the more specific concept first; a query word matches every concept whose stem it starts with.
const CONCEPTS: readonly Concept[] = [
  // Ores and concentrates, as mines and concentrators name their output (a phrase: not the metal itself).
  {
    hs: ['2603'],
    words: ['copper concentrate', 'copper ore', 'медн концентрат', 'медн руд', 'mis konsentrat'],
  },
  { hs: ['2607'], words: ['lead concentrate', 'lead ore', 'свинцов концентрат', 'свинцов руд'] },
  {
    hs: ['2608'],
    words: ['zinc concentrate', 'zinc ore', 'цинков концентрат', 'цинков руд', 'rux konsentrat'],
  },
  { hs: ['7403'], words: ['cathode', 'катод', 'katod'] },
  { hs: ['74'], words: ['copper', 'медь', 'медн', 'мыс', 'mis', 'mis=', 'мис'] },
  { hs: ['7601'], words: ['aluminium', 'aluminum', 'алюмин', 'alyumin', 'aliumin'] },
  { hs: ['79'], words: ['zinc', 'цинк', 'rux', 'мырыш', 'mirish'] },
  { hs: ['78'], words: ['lead=', 'свинец', 'свинц', 'qorgoshin', 'қорғасын'] },
  { hs: ['7108'], words: ['gold', 'золот', 'алтын', 'altin', 'oltin', 'тилло', 'tillo'] },
  { hs: ['7106'], words: ['silver', 'серебр', 'күміс', 'kumis', 'kumush', 'нуқра'] },
  { hs: ['2612', '2844'], words: ['uranium', 'уран', 'uran'] },
  {
    hs: ['7202'],
    words: ['ferroalloy', 'ferrochrom', 'ferrosilic', 'ферросплав', 'феррохром', 'ферросилиц'],
  },
  { hs: ['2610'], words: ['chromite', 'chrome ore', 'хромит', 'хромов'] },
  { hs: ['2602', '7202'], words: ['manganese', 'марган', 'marganets', 'ферромарган', 'ferromangan'] },
  { hs: ['2804'], words: ['phosphorus', 'фосфор=', 'фосфора', 'fosfor='] },
  { hs: ['2809'], words: ['phosphoric acid', 'фосфорн кислот', 'ортофосфорн'] },
  { hs: ['2510'], words: ['phosphate rock', 'phosphorite', 'фосфорит', 'fosforit'] },
  {
    hs: ['3103', '3105'],
    words: ['phosphate fertili', 'фосфорн удобр', 'superphosphate', 'суперфосфат', 'аммофос', 'ammophos'],
  },
  { hs: ['8108', '2614'], words: ['titanium', 'титан=', 'титана', 'титанов', 'titan='] },
  { hs: ['8104'], words: ['magnesium', 'магни=', 'магний', 'магния', 'magniy'] },
  { hs: ['8112'], words: ['beryllium', 'бериллий', 'берилли', 'tantalum', 'тантал', 'niobium', 'ниоби'] },
  { hs: ['8101', '2611'], words: ['tungsten', 'wolfram', 'вольфрам', 'volfram'] },
  { hs: ['2613', '8102'], words: ['molybdenum', 'молибден', 'molibden'] },
  { hs: ['2617', '8110'], words: ['antimony', 'сурьм', 'surma'] },
  { hs: ['75', '2604'], words: ['nickel', 'никел', 'nikel'] },
  { hs: ['7110'], words: ['platinum', 'платин', 'palladium', 'паллади'] },
  { hs: ['2846', '2805'], words: ['rare earth', 'редкоземел', 'редкоземельн'] },
  { hs: ['2818', '2606'], words: ['alumina', 'глинозем', 'bauxite', 'боксит'] },
  { hs: ['2704'], words: ['coke=', 'кокс=', 'кокса'] },
  { hs: ['2807'], words: ['sulphuric acid', 'sulfuric acid', 'серн кислот', 'серная'] },
  { hs: ['2601'], words: ['iron ore', 'железн руд', 'железоруд', 'темір кен', 'pellet', 'окатыш'] },
  // Semi-finished steel: billets, blooms, slabs (and ingots, 7206).
  {
    hs: ['7207', '7206'],
    words: ['billet', 'bloom=', 'blooms', 'slab=', 'slabs', 'заготовк', 'слиток', 'слитк', 'ingot'],
  },
  {
    hs: ['72', '73'],
    words: ['steel', 'сталь', 'стал', 'болат', 'polat', 'polad', 'rolled', 'прокат', 'rebar', 'арматур'],
  },
  // Pipes of plastics (a phrase: its words are not read again as polyethylene or steel pipes).
  {
    hs: ['3917'],
    words: [
      'plastic pipe',
      'polyethylene pipe',
      'pvc pipe',
      'hdpe pipe',
      'полиэтиленов труб',
      'полипропиленов труб',
      'пластиков труб',
      'пластмассов труб',
      'пвх труб',
      'polietilen quvur',
      'plastik quvur',
      'пластик құбыр',
    ],
  },
  // Valves and taps: запорная, трубопроводная арматура (арматура alone is rebar, read with steel).
  {
    hs: ['8481'],
    words: [
      'valve',
      'клапан',
      'задвижк',
      'запорн арматур',
      'трубопроводн арматур',
      'фонтанн арматур',
      'шаров кран',
      'ball valve',
    ],
  },
  // Pipes and tubes: of steel most often (7304-7306), of plastics too (3917); then other articles of steel.
  {
    hs: ['7304', '7305', '7306', '3917', '73'],
    words: ['pipe', 'tube=', 'tubes', 'труб', 'quvur', 'құбыр', 'kubir'],
  },
  {
    hs: ['2701'],
    words: [
      'coal',
      'уголь',
      'угол',
      'көмір',
      'komir',
      'komir',
      'ko‘mir',
      'көмүр',
      'komur',
      'kömür',
      'ангишт',
    ],
  },
  // Refining and petrochemistry are not crude oil: a refinery makes 2710, a petrochemical plant 29 and 39.
  {
    hs: ['2710'],
    words: [
      'refiner',
      'нефтеперераб',
      'нефтепродукт',
      'нпз=',
      'neftni qayta ishlash',
      'мұнай өңдеу',
      'nebiti gaýtadan işleýän',
    ],
  },
  { hs: ['2901', '2902', '3901', '3902'], words: ['petrochem', 'нефтехим', 'neftekimyo', 'neft-kimyo'] },
  // Oil itself, and not the compounds above (нефтеперерабатывающий, нефтехимический).
  {
    hs: ['2709'],
    words: [
      'crude',
      'нефть=',
      'нефти=',
      'нефтян',
      'нефтегаз',
      'мұнай=',
      'munai=',
      'neft=',
      'neftgaz',
      'nebit=',
    ],
  },
  { hs: ['2711'], words: ['natural gas', 'lng', 'lpg', 'газ', 'gaz', 'propane', 'пропан'] },
  {
    hs: ['2710'],
    words: [
      'petrol',
      'gasoline',
      'diesel',
      'fuel',
      'бензин',
      'дизел',
      'топлив',
      'жанармай',
      'benzin',
      'kerosene',
    ],
  },
  { hs: ['2523'], words: ['cement', 'цемент', 'sement', 'clinker', 'клинкер'] },
  {
    hs: ['31'],
    words: [
      'fertili',
      'удобрен',
      'тыңайтқыш',
      'ogit',
      'o‘g‘it',
      'ammonium',
      'аммиач',
      'urea',
      'карбамид',
      'селитр',
      'dökün',
      'gübrə',
    ],
  },
  { hs: ['2814'], words: ['ammonia', 'аммиак'] },
  { hs: ['3104'], words: ['potash', 'калий', 'kaliy', 'kalii'] },
  { hs: ['2503'], words: ['sulphur', 'sulfur', 'сера=', 'серы=', 'oltingugurt'] },
  { hs: ['2716'], words: ['electricity', 'электроэнерг', 'электр энерг', 'elektr energ', 'power supply'] },
  {
    hs: ['1001'],
    words: ['wheat', 'пшениц', 'бидай', 'bidai', 'bugdoi', 'bug‘doy', 'bugdaý', 'buğda', 'гандум', 'буудай'],
  },
  { hs: ['1101'], words: ['flour', 'мука', 'муки', 'ұн=', 'un=', 'un mahsul', 'орд='] },
  { hs: ['1003'], words: ['barley', 'ячмен', 'арпа', 'arpa'] },
  { hs: ['1006'], words: ['rice', 'рис=', 'риса', 'күріш', 'kurish', 'guruch', 'биринҷ', 'birinj'] },
  {
    hs: ['5201', '5203'],
    words: [
      'cotton fibre',
      'cotton fiber',
      'хлопок',
      'хлопк',
      'мақта',
      'makta',
      'paxta',
      'pagta',
      'pambıq',
      'пахта',
    ],
  },
  { hs: ['5205', '5206'], words: ['cotton yarn', 'пряж', 'ip=', 'yarn', 'iplik', 'ýüplük', 'ресмон'] },
  {
    hs: ['52', '61', '62', '63'],
    words: [
      'textile',
      'текстил',
      // Not фабрика (a factory), which the key spells fabrika.
      'fabric=',
      'fabrics',
      'ткан',
      'garment',
      'одежд',
      'apparel',
      'trikotaj',
      'трикотаж',
      'kiyim',
      'dokma',
      'тоқыма',
      'to‘qimachilik',
      'mata=',
      'mato=',
    ],
  },
  // Underwear and hosiery: knitted (6107, 6108, 6115) or not (6212: brassieres, corsets).
  {
    hs: ['6212', '6108', '6107', '6115'],
    words: [
      'lingerie',
      'underwear',
      'hosiery',
      'нижн бель',
      'бельё=',
      'белье=',
      'бюстгальтер',
      'корсет',
      'чулоч',
      'колготк',
    ],
  },
  { hs: ['5002', '5007'], words: ['silk', 'шелк', 'шёлк', 'ipak', 'жібек'] },
  { hs: ['5701', '5702'], words: ['carpet', 'ковер', 'ковр', 'кілем', 'gilam', 'haly=', 'xalça', 'қолин'] },
  { hs: ['0806'], words: ['grape', 'raisin', 'виноград', 'изюм', 'uzum', 'mayiz'] },
  {
    hs: ['0813', '0806'],
    words: ['dried fruit', 'сухофрукт', 'quruq meva', 'курага', 'apricot', 'абрикос', 'orik'],
  },
  {
    hs: ['08'],
    words: [
      'fruit',
      'фрукт',
      'жеміс',
      'jemis',
      'meva',
      'cherr',
      'черешн',
      'apple',
      'яблок',
      'alma=',
      'olma=',
      'miwe',
      'meyvə',
    ],
  },
  {
    hs: ['07'],
    words: [
      'vegetable',
      'овощ',
      'көкөніс',
      'kokonis',
      'sabzavot',
      'onion',
      'лук',
      'piyoz',
      'tomato',
      'томат',
      'pomidor',
    ],
  },
  { hs: ['0701'], words: ['potato', 'картоф', 'картоп', 'kartop', 'kartoshka'] },
  {
    hs: ['0201', '0202', '0204', '0207'],
    words: ['meat', 'мясо', 'мяс', 'ет=', 'gosht', 'go‘sht', 'гӯшт', 'beef', 'говядин', 'lamb', 'баранин'],
  },
  // Poultry: its meat (0207) and live birds (0105), in a concept of its own so that it is not all meat.
  {
    hs: ['0207', '0105'],
    words: [
      'poultry',
      'chicken',
      'broiler',
      'птиц',
      'куриц',
      'курин',
      'кур=',
      'бройлер',
      'tovuq',
      'тауық',
      'tauyk',
      'toyuq',
      'құс=',
      'parranda',
    ],
  },
  {
    hs: ['0401', '0402', '0405', '0406'],
    words: [
      'milk',
      'dairy',
      'молок',
      'молоч',
      'сүт',
      'sut',
      'cheese',
      'сыр',
      'butter',
      'масло слив',
      'süýt',
      'süd=',
    ],
  },
  { hs: ['1512'], words: ['sunflower', 'подсолнеч', 'күнбағыс', 'kunbagis', 'kungaboqar'] },
  {
    hs: ['15'],
    words: ['vegetable oil', 'растительн масл', 'өсімдік май', 'osimdik mai', 'oil seed', 'масличн'],
  },
  {
    hs: ['1701'],
    words: ['sugar', 'сахар', 'қант=', 'kant=', 'shakar', 'шекер', 'sheker', 'шакар', 'şəkər'],
  },
  { hs: ['0409'], words: ['honey', 'мёд=', 'мед=', 'меда', 'asal='] },
  { hs: ['0407'], words: ['eggs', 'egg=', 'яйц', 'жұмыртқа', 'tuxum'] },
  { hs: ['0902'], words: ['tea=', 'чай=', 'чая', 'choy='] },
  { hs: ['0802'], words: ['walnut', 'almond', 'pistachio', 'орех', 'миндал', 'фисташ', 'yongʻoq', 'yongoq'] },
  { hs: ['0807'], words: ['melon', 'дыни', 'дыня', 'qovun', 'watermelon', 'арбуз', 'tarvuz'] },
  { hs: ['2501'], words: ['salt=', 'соль=', 'соли=', 'тұз=', 'tuz=', 'duz=', 'намак'] },
  { hs: ['2309'], words: ['animal feed', 'fodder', 'комбикорм', 'корм=', 'кормов', 'yem='] },
  { hs: ['1005'], words: ['maize', 'corn=', 'кукуруз', 'жүгері', 'makkajoʻxori'] },
  { hs: ['0403'], words: ['kefir', 'кефир', 'yogurt', 'yoghurt', 'йогурт', 'айран', 'ayran'] },
  { hs: ['2105'], words: ['ice cream', 'мороженое', 'мороженого', 'balmuzdak'] },
  {
    hs: ['1806', '1704', '1905'],
    words: [
      'chocolate',
      'шоколад',
      'confection',
      'кондитер',
      'candy',
      'конфет',
      'biscuit',
      'печень',
      'qandolat',
    ],
  },
  // Fruit and vegetable juices (drinks made of them are 2202: water, soft drinks).
  { hs: ['2009'], words: ['juice', 'сок=', 'соки', 'сока', 'sharbat', 'шырын', 'nectar', 'нектар'] },
  { hs: ['1902'], words: ['pasta', 'макарон', 'makaron', 'noodle', 'лапш'] },
  {
    hs: ['2202', '2201'],
    words: ['water', 'вода', 'воды', 'su=', 'beverage', 'напит', 'soft drink', 'ичимлик'],
  },
  { hs: ['2203'], words: ['beer', 'пиво', 'пива', 'pivo', 'сыра'] },
  {
    hs: ['2207'],
    words: ['ethanol', 'ethyl alcohol', 'этанол', 'этилов спирт', 'спирт=', 'спирта', 'etil spirt', 'spirt='],
  },
  { hs: ['2204'], words: ['wine', 'вино', 'вина', 'sharob', 'шарап', 'sharap', 'şərab'] },
  { hs: ['2208'], words: ['vodka', 'водк', 'spirits', 'спиртн', 'коньяк', 'brandy'] },
  { hs: ['24'], words: ['tobacco', 'cigarette', 'табак', 'сигарет', 'tamaki'] },
  { hs: ['0302', '0303', '0304'], words: ['fish', 'рыб', 'балық', 'balik', 'baliq'] },
  { hs: ['1601', '1602'], words: ['sausage', 'колбас', 'shuzhuk', 'шұжық'] },
  { hs: ['8504'], words: ['transformer', 'трансформатор', 'transformator'] },
  { hs: ['8544'], words: ['cable', 'кабел', 'kabel', 'wire', 'провод'] },
  { hs: ['8703'], words: ['car', 'cars', 'автомобил', 'avtomobil', 'легков', 'sedan', 'машин'] },
  { hs: ['8704'], words: ['truck', 'грузовик', 'грузов', 'самосвал', 'dump truck', 'yuk mashina'] },
  { hs: ['8702'], words: ['bus', 'автобус', 'avtobus'] },
  { hs: ['8482'], words: ['bearing', 'подшипник', 'podshipnik', 'podshipnig'] },
  {
    hs: ['8701', '8432', '8433'],
    words: ['tractor', 'трактор', 'traktor', 'combine harvester', 'комбайн', 'kombain'],
  },
  {
    hs: ['8432'],
    words: [
      'seeder',
      'seed drill',
      'сеялк',
      'plough',
      'plow=',
      'плуг',
      'harrow',
      'борон',
      'cultivator',
      'культиватор',
    ],
  },
  {
    hs: ['8432', '8433', '8436', '8701'],
    words: [
      'agricultural machin',
      'farm machin',
      'сельскохозяйственн техник',
      'сельхозтехник',
      'сельскохозяйственн машин',
      'ауыл шаруашылық техника',
      'qishloq xo‘jalik texnika',
    ],
  },
  { hs: ['8712'], words: ['bicycle', 'велосипед', 'velosiped'] },
  {
    hs: ['8901', '8906', '89'],
    words: [
      'ships',
      'ship=',
      'shipbuild',
      'shipyard',
      'vessels',
      'судостро',
      'кеме=',
      'gämi=',
      'gämiler',
      'kema=',
    ],
  },
  { hs: ['8483'], words: ['cardan', 'карданн', 'shafts', 'вал=', 'валы=', 'gearbox', 'редуктор'] },
  {
    hs: ['8430', '8431', '8474'],
    words: [
      'mining equipment',
      'mining machin',
      'горн шахтн',
      'горношахтн',
      'горн оборудован',
      'шахтн оборудован',
      'kon uskuna',
    ],
  },
  { hs: ['7302'], words: ['rail=', 'rails', 'railway track', 'рельс', 'rels='] },
  {
    hs: ['8601', '8602', '8603', '8605', '8606'],
    words: ['locomotive', 'локомотив', 'railcar', 'wagon', 'вагон', 'vagon'],
  },
  {
    hs: ['8418', '8450', '8516'],
    words: [
      'refrigerator',
      'холодильник',
      'washing machine',
      'стиральн',
      'appliance',
      'бытов техник',
      'air condition',
      'кондиционер',
    ],
  },
  { hs: ['2524'], words: ['asbestos', 'асбест', 'asbest', 'chrysotile', 'хризотил', 'xrizotil'] },
  // Food for infants (1901: preparations for infants, put up for retail sale).
  {
    hs: ['1901'],
    words: ['baby food', 'infant formula', 'детск питани', 'детск смес', 'bolalar ovqat', 'балалар тағам'],
  },
  { hs: ['94'], words: ['furniture', 'мебел', 'mebel', 'жиһаз'] },
  {
    hs: ['41', '42', '64'],
    words: ['leather', 'кожа', 'кож', 'teri', 'былғары', 'deri=', 'shoe', 'обув', 'footwear', 'poyabzal'],
  },
  {
    hs: ['3901', '3902', '3904'],
    words: [
      'polyethylene',
      'polypropylene',
      'полиэтилен',
      'полипропилен',
      'pvc',
      'пвх',
      'polymer',
      'полимер',
    ],
  },
  // Man-made fibres: staple (5503, 5504) and filament yarn (5402); polyester also as PET (3907).
  { hs: ['5503', '5402', '3907'], words: ['polyester', 'полиэфир', 'poliefir', 'лавсан'] },
  {
    hs: ['5503', '5504', '5402'],
    words: ['synthetic fib', 'chemical fib', 'химволокн', 'химическ волокн', 'man-made fib'],
  },
  { hs: ['4703', '4702', '4701', '4704'], words: ['wood pulp', 'pulp=', 'целлюлоз', 'sellyuloza'] },
  { hs: ['39'], words: ['plastic', 'пластик', 'пластмасс', 'plastmass'] },
  { hs: ['4011'], words: ['tyre', 'tire', 'шин', 'shina'] },
  { hs: ['3208', '3209'], words: ['paint', 'краск', 'бояу', 'boʻyoq', 'boyoq', 'varnish', 'лак='] },
  { hs: ['3401', '3402'], words: ['soap', 'мыло', 'мыла', 'sovun', 'detergent', 'моющ'] },
  { hs: ['33'], words: ['cosmetic', 'косметик', 'kosmetika', 'perfume', 'парфюм'] },
  { hs: ['44'], words: ['timber', 'lumber', 'sawn wood', 'пиломатериал', 'древесин', 'plywood', 'фанер'] },
  { hs: ['51'], words: ['wool', 'шерст', 'жүн=', 'jun=', 'cashmere', 'кашемир'] },
  { hs: ['7323', '7615', '6911'], words: ['cookware', 'kitchenware', 'tableware', 'посуд', 'идиш'] },
  { hs: ['6802'], words: ['granite', 'гранит', 'granit', 'marble', 'мрамор', 'marmar'] },
  { hs: ['2520', '6809'], words: ['gypsum', 'гипс', 'plasterboard', 'drywall', 'гипсокартон'] },
  { hs: ['2522'], words: ['quicklime', 'известь', 'извести', 'ohak'] },
  { hs: ['6810'], words: ['aerated concrete', 'газобетон', 'пенобетон', 'газоблок', 'пеноблок', 'gazoblok'] },
  { hs: ['6810', '6811'], words: ['concrete', 'бетон', 'reinforced concrete', 'жби', 'шифер', 'slate='] },
  { hs: ['8413'], words: ['pump', 'насос', 'nasos'] },
  { hs: ['8501'], words: ['electric motor', 'электродвигател', 'generator', 'генератор'] },
  { hs: ['8507'], words: ['battery', 'batteries', 'аккумулятор', 'akkumulyator'] },
  {
    hs: ['8429', '8426'],
    words: ['excavator', 'экскаватор', 'bulldozer', 'бульдозер', 'crane', 'кран=', 'краны'],
  },
  { hs: ['8539'], words: ['light bulb', 'bulbs', 'лампочк', 'лампы накал', 'лампа накал', 'lampochk'] },
  { hs: ['9405', '8539'], words: ['lamp', 'ламп', 'luminaire', 'светильник', 'lighting'] },
  { hs: ['8532'], words: ['capacitor', 'конденсатор', 'kondensator'] },
  { hs: ['8430', '8705'], words: ['drilling rig', 'буров', 'burgʻulash'] },
  {
    hs: ['9101', '9102', '9103', '9105'],
    words: ['watches', 'wristwatch', 'clock', 'часы', 'часов', 'soat=', 'sagat'],
  },
  { hs: ['8716'], words: ['trailer', 'прицеп', 'semi-trailer', 'полуприцеп', 'tirkama'] },
  { hs: ['30'], words: ['pharmac', 'medicine', 'drug', 'лекарств', 'фармацевт', 'dori', 'препарат'] },
  // Glass fibre and glass containers before all of glass.
  {
    hs: ['7019'],
    words: ['glass fib', 'fiberglass', 'fibreglass', 'стекловолокн', 'стеклоткан', 'стекловолок'],
  },
  {
    hs: ['7010'],
    words: ['glass bottl', 'glass jar', 'glass contain', 'стеклотар', 'стеклянн бутыл', 'стеклянн тар'],
  },
  { hs: ['7005', '7010', '70'], words: ['glass', 'стекл', 'шиша', 'shisha', 'әйнек', 'şüşə'] },
  {
    hs: ['6907', '6908', '6904'],
    words: [
      'tile',
      'плитк',
      'ceramic',
      'керамик',
      'brick',
      'кирпич',
      'g‘isht',
      'gisht',
      'кірпіш',
      'kerpiç',
      'kərpic',
    ],
  },
  {
    hs: ['48'],
    words: ['paper', 'бумаг', 'картон', 'cardboard', 'qog‘oz', 'kogoz', 'қағаз', 'kagyz', 'kağız'],
  },
  { hs: ['2805'], words: ['mercury', 'ртут', 'rtut', 'simob', 'сынап', 'sinap'] },
  { hs: ['2815'], words: ['caustic soda', 'каустическ сод', 'sodium hydroxide', 'гидроксид натрия'] },
  {
    hs: ['2804', '28', '29'],
    words: ['chemical', 'химич', 'химия', 'kimyo', 'caustic', 'каустич', 'soda', 'сода'],
  },
];

interface Stem {
  stem: string;
  exact: boolean;
  hs: readonly string[];
}

// A word ending in '=' must be a whole word ('lead=' is not 'leader'); so must any of three letters or fewer,
// but for an English plural's ending.
// Phrases first, so that the words they read are not read alone.
const STEMS: readonly Stem[] = CONCEPTS.flatMap((c) =>
  c.words
    .map((w) => {
      const stem = searchKey(w.replace(/=$/, ''));
      return { stem, exact: w.endsWith('='), hs: c.hs };
    })
    .filter((s) => s.stem.length >= 2),
).sort((a, b) => b.stem.split(' ').length - a.stem.split(' ').length);

/**
 * The HS codes a text names through the words of the lexicon: a stem matches a word it begins (a stem
 * marked whole, or a one-word stem of three letters or fewer, must be the whole word); a stem of two words
 * must match two consecutive words.
 */
export function hsCodesOfWords(text: string): string[] {
  return readProducts(text).codes;
}

/** Whether every word of a text is a word of the lexicon ("oltin", "медный катод"): a query for a product. */
export function onlyProductWords(text: string): boolean {
  return readProducts(text).all;
}

/** The HS codes a text names through the lexicon, and whether every word of it is a word of the lexicon. */
export function readProducts(text: string): { codes: string[]; all: boolean; shared: string[] } {
  const words = searchKey(text).split(' ').filter(Boolean);
  const codes = new Set<string>();
  const read = new Set<number>();
  // The words a phrase of the lexicon read are not read again alone: полиэтиленовые трубы names pipes of
  // plastics, not polyethylene and pipes; запорная арматура, valves and not rebar.
  const ofPhrase = new Set<number>();
  // And of the stems a word starts with, the longest says what it is: стекловолокно is glass fibre, not
  // all of glass (стекл).
  const longest = new Map<number, { length: number; hs: (readonly string[])[] }>();
  const concepts: (readonly string[])[] = [];
  for (const { stem, exact, hs } of STEMS) {
    const parts = stem.split(' ');
    for (let i = 0; i + parts.length <= words.length; i++) {
      if (parts.length === 1 && ofPhrase.has(i)) continue;
      const hit = parts.every((p, j) => {
        const w = words[i + j]!;
        // Earlier words of a phrase are stems; the last must be whole when the entry says so. Of a phrase, a
        // short part is a stem like any other: the phrase's other words say what it is.
        if (j === parts.length - 1 && exact) return w === p;
        // A short word whole, or with an English plural's ending (bus, buses; car, cars).
        if (parts.length === 1 && p.length <= 3) return w === p || w === `${p}s` || w === `${p}es`;
        // The key reads ts as one sound (ц): an English plural of a stem ending in t (apricots, pellets) has s.
        return w.startsWith(p) || (p.endsWith('t') && w.startsWith(`${p.slice(0, -1)}s`));
      });
      if (hit) {
        if (parts.length === 1) {
          const best = longest.get(i);
          if (!best || stem.length > best.length) longest.set(i, { length: stem.length, hs: [hs] });
          else if (stem.length === best.length) best.hs.push(hs);
        } else {
          for (const code of hs) codes.add(code);
          concepts.push(hs);
        }
        for (let j = 0; j < parts.length; j++) {
          read.add(i + j);
          if (parts.length > 1) ofPhrase.add(i + j);
        }
        break;
      }
    }
  }
  for (const { hs } of longest.values()) {
    for (const code of hs.flat()) codes.add(code);
    concepts.push(hs.flat());
  }
  // A code already covered by a more general one found is kept: filters and ranking read prefixes anyway.
  return {
    codes: [...codes].sort(),
    all: words.length > 0 && read.size === words.length,
    shared: sharedCodes(concepts),
  };
}

/**
 * Of the codes several concepts of a text name, those every concept names (itself, a heading of it or a
 * code under it), most specific only: tovuq goʻshti, poultry and meat, is 0207; steel pipes 7304-7306;
 * copper cathode 7403. None for a text of one concept.
 */
function sharedCodes(concepts: (readonly string[])[]): string[] {
  if (concepts.length < 2) return [];
  const related = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);
  const shared = [...new Set(concepts.flat())].filter((c) =>
    concepts.every((hs) => hs.some((h) => related(c, h))),
  );
  return shared.filter((c) => !shared.some((d) => d !== c && d.startsWith(c))).sort();
}
