/**
 * Given names used with surnames of a heritage group (see surnames-us.ts for the group letters): "Name:weight".
 * Accented forms are the canonical spelling; the generator renders some of them without accents, as registries do.
 */
export const GROUP_GIVEN: Readonly<Record<string, { F: string; M: string }>> = {
  h: {
    F: `María:30,Ana:12,Carmen:10,Rosa:8,Luz:6,Yolanda:5,Gloria:5,Marisol:6,Yesenia:5,Yadira:3,Génesis:4,Valentina:5,
Camila:6,Sofía:6,Isabella:6,Lucía:4,Daniela:6,Gabriela:6,Alejandra:5,Adriana:5,Mariela:4,Nayeli:3,Ximena:3,
Esperanza:3,Milagros:4,Altagracia:4,Ramona:3,Mercedes:3,Inés:3,Mónica:4,Raquel:3,Elena:3,Beatriz:3,Lourdes:3,
Jazmín:3,Natalia:5,Ángela:4,Verónica:4,Yarelis:2,Keila:2,Zuleika:2,Aracelis:2,Migdalia:3,Nilda:3,Iris:3`,
    M: `José:30,Luis:18,Juan:15,Carlos:12,Jorge:8,Miguel:10,Ángel:10,Jesús:6,Pedro:6,Ramón:5,Rafael:6,Héctor:5,
Víctor:5,Manuel:6,Francisco:5,Antonio:6,Julio:4,Edwin:5,Wilfredo:4,Raúl:4,Andrés:4,Sebastián:5,Mateo:5,Santiago:5,
Diego:5,Adrián:4,Julián:4,Joel:4,Christian:5,Kevin:4,Jonathan:5,Alexis:4,Emmanuel:4,Elvin:3,Félix:3,Ismael:3,
Nelson:4,Orlando:3,Rubén:3,Efraín:3,Cristian:4,Moisés:2,Yadiel:2,Josué:3,Eduardo:4`,
  },
  p: {
    F: `Maria:25,Ana:10,Fátima:6,Conceição:4,Isabel:6,Lúcia:4,Rosa:4,Manuela:4,Filomena:3,Gabriela:5,Beatriz:4,
Inês:4,Mariana:6,Juliana:6,Fernanda:5,Patrícia:4,Letícia:4,Larissa:4,Amanda:4,Thaís:3,Cátia:3,Graça:3,Jéssica:3,
Natália:3,Luana:3,Bianca:3,Sandra:4,Cristina:4,Diana:3`,
    M: `João:15,José:15,Manuel:12,António:6,Antônio:6,Carlos:8,Paulo:8,Fernando:6,Luís:6,Jorge:5,Francisco:5,Joaquim:4,
Rui:4,Tiago:4,Pedro:6,Rafael:5,Lucas:6,Gabriel:6,Mateus:4,Gustavo:5,Felipe:5,Rodrigo:5,Marcelo:5,Vítor:3,
Sérgio:4,Mário:4,Armando:3,Fábio:4,Leandro:3,Thiago:4,Daniel:4`,
  },
  v: {
    F: `Lan:6,Linh:8,Mai:8,Hoa:6,Huong:6,Trang:6,Thao:6,Ngoc:6,Anh:6,Thu:5,Hanh:5,Vy:5,Nhung:4,Tuyet:4,Phuong:6,
Thuy:6,Hien:5,Kim:5,Hang:5,Loan:4,Dung:3,Yen:4,Tien:4`,
    M: `Minh:8,Tuan:7,Hung:7,Dung:5,Thanh:7,Duc:6,Quang:5,Long:5,Nam:6,Hai:5,Khoa:5,Phuc:4,Bao:5,Huy:6,Vinh:5,
Son:5,Hieu:4,Tam:4,Trung:5,Cuong:4,Tri:3,Danh:3,Khanh:4`,
  },
  c: {
    F: `Mei:6,Li:5,Xiao:4,Yan:5,Ying:4,Hui:4,Jing:5,Ling:5,Xin:4,Yu:4,Fang:4,Hong:4,Qing:3,Lin:4,Yun:3,Jia:4,Wen:4`,
    M: `Wei:7,Jian:5,Ming:6,Hao:5,Jun:5,Lei:4,Yong:4,Tao:4,Bo:3,Gang:3,Jie:4,Zhi:3,Peng:3,Kai:4,Yang:4,Cheng:4,Feng:4`,
  },
  k: {
    F: `Ji-Young:4,Soo-Jin:4,Min-Ji:3,Eun-Ji:3,Hye-Jin:3,Yuna:3,Seo-Yeon:3,Ji-Eun:3,Young:3,Sun:3`,
    M: `Min-Jun:4,Ji-Hoon:4,Sung:3,Jae:4,Hyun:3,Dong-Hyun:3,Joon:3,Sang:3,Young:3,Jin:3`,
  },
  i: {
    F: `Priya:8,Anjali:6,Pooja:6,Neha:6,Divya:6,Sneha:5,Kavya:4,Shreya:5,Ananya:5,Lakshmi:4,Sunita:4,Meera:4,Aarti:4,
Deepa:4,Swati:4,Nisha:5,Riya:5,Aditi:5,Fatema:2,Nasrin:2`,
    M: `Raj:6,Rahul:7,Amit:7,Arjun:6,Vijay:5,Sanjay:5,Ravi:6,Anil:5,Suresh:5,Rohan:5,Aarav:5,Vikram:4,Nikhil:5,
Krishna:4,Arun:5,Manoj:4,Deepak:4,Karthik:5,Siddharth:4,Ashok:3,Mohammed:3`,
  },
  t: {
    F: `Marie:10,Nadège:4,Guerline:4,Mirlande:4,Rose-Marie:4,Fabienne:4,Widline:3,Nathalie:4,Claudette:4,Marlène:3,
Ketly:3,Roseline:3,Jeanine:3,Mireille:3,Esther:3,Stéphanie:3,Dieula:2,Magalie:3,Natacha:3,Farah:3`,
    M: `Jean:12,Pierre:6,Jean-Claude:5,Frantz:4,Wilner:3,Jean-Robert:3,Réginald:3,Emmanuel:4,Stanley:3,Fritz:3,
Widler:2,Jacques:4,Yves:4,Ernst:3,Lesly:3,Ricardo:3,Wesley:3,Jean-Marc:3,Kervens:3,Wisly:2,Peterson:3,Jonas:3,
Édouard:2,Woodly:2`,
  },
  m: {
    F: `Sophea:5,Srey:4,Chantha:4,Sokha:4,Bopha:4,Kunthea:3,Sreymom:3,Chanthy:3,Sokun:3,Thida:3`,
    M: `Sokha:4,Vanna:4,Dara:5,Rithy:4,Sopheak:4,Vuthy:3,Chanthou:3,Samnang:3,Visal:3,Bunthoeun:2`,
  },
  a: {
    F: `Fatima:8,Amina:7,Aisha:6,Hawa:4,Mariam:5,Khadija:5,Zainab:4,Halima:4,Ama:3,Abena:3,Chioma:3,Ngozi:3,Leila:4,
Nadia:4,Yasmin:4,Hodan:3,Sahra:3`,
    M: `Mohamed:10,Ahmed:8,Ali:6,Abdi:5,Hassan:6,Omar:6,Ibrahim:5,Yusuf:5,Kwame:3,Kofi:3,Chukwuemeka:2,Oluwaseun:2,
Khalid:4,Karim:4,Samir:3,Abdullahi:3,Mustafa:4`,
  },
};

/** Informal given names recorded as an alias ("Bill" for William). */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  William: ['Bill', 'Will', 'Billy'], Robert: ['Bob', 'Rob', 'Bobby'], Richard: ['Rick', 'Dick', 'Rich'],
  James: ['Jim', 'Jimmy', 'Jamie'], John: ['Jack', 'Johnny'], Michael: ['Mike', 'Mikey'], Thomas: ['Tom', 'Tommy'],
  Joseph: ['Joe', 'Joey'], Charles: ['Chuck', 'Charlie'], Christopher: ['Chris'], Daniel: ['Dan', 'Danny'],
  Matthew: ['Matt'], Anthony: ['Tony'], Edward: ['Ed', 'Eddie', 'Ted'], Steven: ['Steve'], Stephen: ['Steve'],
  Kenneth: ['Ken', 'Kenny'], Andrew: ['Andy', 'Drew'], Joshua: ['Josh'], Jonathan: ['Jon'], Timothy: ['Tim'],
  Nicholas: ['Nick'], Benjamin: ['Ben'], Samuel: ['Sam'], Alexander: ['Alex'], Patrick: ['Pat'], Gregory: ['Greg'],
  Donald: ['Don'], Ronald: ['Ron'], Lawrence: ['Larry'], Gerald: ['Jerry'], Raymond: ['Ray'], Peter: ['Pete'],
  Francis: ['Frank'], Albert: ['Al'], Henry: ['Hank'], Walter: ['Walt'], Eugene: ['Gene'], Leonard: ['Len'],
  Philip: ['Phil'], Vincent: ['Vince'], Jeffrey: ['Jeff'], Douglas: ['Doug'], Zachary: ['Zach'], Nathaniel: ['Nate'],
  Nathan: ['Nate'], Jacob: ['Jake'], Harold: ['Hal'], Frederick: ['Fred'], Theodore: ['Ted', 'Teddy'],
  Elizabeth: ['Liz', 'Beth', 'Betsy', 'Lisa'], Margaret: ['Peggy', 'Maggie', 'Meg'], Katherine: ['Kate', 'Kathy'],
  Catherine: ['Cathy', 'Kate'], Kathleen: ['Kathy', 'Kate'], Patricia: ['Pat', 'Patty', 'Trish'], Jennifer: ['Jen', 'Jenny'],
  Susan: ['Sue', 'Susie'], Deborah: ['Debbie', 'Deb'], Rebecca: ['Becky'], Barbara: ['Barb'], Christine: ['Chris'],
  Christina: ['Tina'], Jessica: ['Jess'], Victoria: ['Vicky', 'Tori'], Samantha: ['Sam'], Alexandra: ['Alex', 'Sasha'],
  Dorothy: ['Dot', 'Dottie'], Theresa: ['Terry'], Pamela: ['Pam'], Cynthia: ['Cindy'], Kimberly: ['Kim'],
  Stephanie: ['Steph'], Jacqueline: ['Jackie'], Judith: ['Judy'], Frances: ['Fran'], Josephine: ['Jo'],
  Abigail: ['Abby'], Madeline: ['Maddie'], Eleanor: ['Ellie', 'Nell'], Amanda: ['Mandy'], Virginia: ['Ginny'],
  Sandra: ['Sandy'], Mary: ['Molly', 'Mae'], Valerie: ['Val'], Roberta: ['Bobbie'], Angela: ['Angie'], Melissa: ['Missy'],
  Suzanne: ['Sue'], Teresa: ['Terri'], Gwendolyn: ['Gwen'], José: ['Pepe'], Francisco: ['Paco'], Guadalupe: ['Lupe'],
};

/** Generational suffixes on men, with relative frequency. */
export const SUFFIXES: readonly (readonly [string, number])[] = [['Jr', 60], ['Sr', 14], ['II', 10], ['III', 13], ['IV', 3]];
