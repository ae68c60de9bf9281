/**
 * Massachusetts adjustments to the national surname list: multipliers for names over- or under-represented in the
 * state (Irish, Italian, Puerto Rican/Dominican, Portuguese up; Mexican-American and Southern names down), then names
 * common in New England but below the national top list (weights on the same per-100,000 scale, groups as in
 * surnames-us.ts).
 */
export const SURNAME_MULTIPLIERS = `
Sullivan:5,Murphy:3.5,Kelly:2,O'Brien:4,McCarthy:4,Walsh:3.5,Ryan:2.5,Fitzgerald:2.5,Kennedy:1.5,Burke:2,
Quinn:2,Callahan:3,Lynch:2.5,O'Connor:2.5,Gallagher:2,Flynn:3,Foley:3,Brennan:3,Sweeney:2,Murray:1.5,
Doyle:2,Casey:2,Carey:1.5,O'Neill:2,Harrington:2,McLaughlin:2,Kane:1.5,Farrell:2,Malone:1.5,Hogan:1.5,
Silva:4,Santos:1.5,Andrade:2,Rocha:1.5,Russo:3,Cohen:1.5,Roy:2,Richard:1.5,Wong:2,Chan:2,
Nguyen:1.3,Tran:1.3,Le:1.2,Pham:1.2,Huynh:1.2,Chen:1.3,Patel:1.3,Joseph:1.5,Paul:1.3,Charles:1.3,
Garcia:0.4,Hernandez:0.4,Lopez:0.5,Martinez:0.5,Gonzalez:0.6,Gomez:0.5,Sanchez:0.5,Ramirez:0.4,Flores:0.3,Gutierrez:0.3,
Chavez:0.2,Mendoza:0.4,Ruiz:0.4,Alvarez:0.6,Castillo:0.6,Jimenez:0.6,Moreno:0.4,Herrera:0.4,Medina:0.6,Aguilar:0.3,
Castro:0.5,Vargas:0.6,Guzman:0.7,Garza:0.1,Salazar:0.3,Alvarado:0.3,Delgado:0.6,Contreras:0.3,Sandoval:0.2,Guerrero:0.4,
Estrada:0.3,Ortega:0.4,Valdez:0.3,Domínguez:0.4,Espinoza:0.2,Rojas:0.5,Padilla:0.3,Juárez:0.2,Cortez:0.2,Trevino:0.1,
Villarreal:0.1,Cantu:0.1,Zamora:0.2,Galvan:0.1,Rangel:0.1,Lozano:0.2,Villegas:0.2,Montes:0.3,Mata:0.2,Cervantes:0.2,
Salinas:0.2,Ochoa:0.2,Orozco:0.2,Macias:0.2,Zuniga:0.2,Meza:0.2,Arellano:0.1,Barrera:0.3,Carrillo:0.3,Ibarra:0.2,
Lara:0.4,Solis:0.3,Aguirre:0.2,Velasquez:0.5,Robles:0.3,Gallegos:0.1,Camacho:0.4,Trujillo:0.3,Montoya:0.2,Castaneda:0.2,
Valenzuela:0.2,Mora:0.4,Tapia:0.3,Zavala:0.2,Cisneros:0.3,Beltran:0.4,Ponce:0.3,Villa:0.4,Gonzales:0.3,Romero:0.5,
Rivera:2,Santiago:2.5,Cruz:1.5,Colón:3,Ortiz:1.5,Rosario:3,Torres:1.2,Reyes:1.2,Perez:1.2,Diaz:1.2,
Vazquez:1.5,Velez:2,Melendez:2,Figueroa:2,Acevedo:2,Serrano:1.5,Santana:2,Mercado:2,Bonilla:1.5,Arroyo:2,
Maldonado:1.5,Rodriguez:1.1,Yoder:0.1,Pittman:0.4,Byrd:0.5,Strickland:0.5,Hensley:0.3,Wiggins:0.5,Grimes:0.5,Vang:0.3
`;

export const SURNAMES_NE = `
Doherty:120,Mahoney:110,Donovan:110,Driscoll:90,Fitzpatrick:80,Sheehan:80,O'Leary:60,Connolly:90,Coughlin:50,Donahue:70,
Donnelly:70,Crowley:80,Cronin:60,Hurley:70,Kearney:50,Keane:40,Leahy:50,McGrath:70,McNamara:60,Moriarty:50,
O'Donnell:70,O'Neil:50,O'Sullivan:40,O'Hara:35,O'Keefe:40,O'Malley:45,O'Rourke:40,Regan:50,Riordan:40,Scanlon:35,
Shea:70,Tierney:40,Twomey:30,Whelan:40,Carney:45,Cahill:50,Conroy:40,Costello:60,Cullen:45,Curran:45,
Daly:60,Dempsey:40,Dolan:50,Dwyer:55,Egan:40,Finn:35,Flaherty:55,Gorman:40,Hanlon:35,Healy:55,
Hennessey:45,Keenan:45,Kiley:35,Lydon:25,Malloy:35,McCabe:40,McCann:45,McCormack:45,McDermott:45,McDonough:50,
McGovern:40,McHugh:35,McKenna:50,McManus:40,Mulcahy:30,Mullen:40,Mulligan:35,Noonan:45,Nolan:60,O'Reilly:30,
Reilly:60,Reardon:45,Rooney:40,Toomey:30,Devlin:30,Fallon:35,Gilligan:25,Moynihan:25,Ahern:30,Barry:60,
Buckley:60,Byrne:40,Cassidy:40,Clancy:25,Corcoran:35,Coyle:30,Delaney:45,Duffy:55,Dunne:35,Flanagan:45,
Galvin:40,Keough:25,Kiernan:20,MacDonald:60,MacKenzie:30,MacLeod:25,MacNeil:30,McAuliffe:25,Kavanagh:20,Lenihan:15,
DeLuca:45,Romano:50,Ricci:40,Marino:50,Greco:35,Bruno:45,Gallo:35,Conti:30,Costa:70p,Giordano:35,
Rizzo:40,Lombardi:35,Moretti:20,Barbieri:20,Fontana:25,Santoro:30,Rinaldi:25,Caruso:40,Ferrara:30,Ferraro:30,
Leone:30,Longo:25,Gentile:30,Martinelli:25,Vitale:30,Messina:25,D'Angelo:30,DeSimone:25,Amato:35,Colombo:25,
Mancini:30,Pellegrino:25,Palumbo:25,Carbone:25,Fiore:25,Sacco:20,Falcone:20,LaRosa:15,DiNatale:15,Lanza:20,
Giuliano:20,DiPietro:25,DeMarco:30,Ciampa:15,Mariano:20,Iacono:15,Cataldo:15,DiCarlo:15,Tedesco:20,Antonelli:20,
Ferrante:20,Grasso:20,Marchetti:15,Orlando:25,Palermo:15,Parisi:20,Rossi:40,Vaccaro:15,DeAngelis:25,DiStefano:15,
Souza:90p,Sousa:50p,Medeiros:80p,Pereira:80p,Rodrigues:70p,Oliveira:70p,Ferreira:60p,Almeida:55p,Carvalho:40p,Gonçalves:35p,
Fernandes:50p,Martins:45p,Araújo:25p,Ribeiro:30p,Cabral:35p,Amaral:35p,Teixeira:30p,Tavares:35p,Correia:35p,Moniz:20p,
Furtado:25p,Raposo:25p,Botelho:20p,Rego:20p,Mendes:40p,Lopes:40p,Barbosa:30p,Simões:12p,Magalhães:10p,Viveiros:15p,
Pimentel:20p,Resendes:15p,Fonseca:20p,Arruda:20p,Cardoso:25p,Nascimento:20p,Monteiro:30p,Gomes:40p,Dias:35p,Vieira:35p,
Lima:35p,DeMello:20p,Mello:30p,Sylvia:20p,Soares:30p,Freitas:25p,Couto:15p,Melo:20p,Pires:15p,Borges:20p,
Duarte:20p,Machado:30p,Marques:20p,Pinto:20p,Barros:15p,Neves:15p,Alves:25p,DeSouza:10p,Fortes:10p,Brum:10p,
Gagnon:45,Côté:25,Gauthier:25,Pelletier:30,Bouchard:25,Lévesque:20,Thériault:20,Lavoie:20,Fortin:20,Morin:25,
Bélanger:15,Boucher:25,Caron:20,Dubois:20,Fournier:20,Girard:20,Lemieux:15,Paquette:20,Ouellette:25,Poirier:20,
Thibodeau:20,Beaulieu:15,Cormier:20,Dion:15,Gendron:12,Lachance:12,LeBlanc:45,Landry:30,Martel:12,Michaud:20,
Nadeau:15,Parent:15,Plante:12,St. Pierre:15,St. Onge:8,Tremblay:25,Beaudoin:15,Bergeron:25,Bourque:15,Desrosiers:10,
Doucette:25,Hébert:20,Lapointe:15,Laroche:10,Marchand:15,Mercier:15,Robichaud:15,Rousseau:15,Benoit:15,Thibault:15,
Boisvert:10,Dufresne:10,Goulet:12,Champagne:12,Charbonneau:10,Beauchamp:10,Dupuis:12,Gaudet:12,Ménard:8,Fontaine:15,
Hoang:20v,Phan:25v,Vu:25v,Vo:25v,Dang:20v,Bui:20v,Do:20v,Ngo:15v,Duong:15v,Ly:15v,
Truong:20v,Dinh:15v,Luong:10v,Mai:10v,Zhao:15c,Zhou:15c,Xu:15c,Sun:15c,Ma:15c,Zhu:12c,
Hu:12c,Guo:10c,He:12c,Gao:10c,Zheng:10c,Liang:10c,Tang:15c,Chin:20c,Chow:15c,Leung:15c,
Ng:20c,Lau:15c,Cheung:12c,Yee:15c,Eng:10c,Moy:10c,Fong:12c,Kwan:8c,Yip:8c,Tam:10c,
Jung:8k,Kang:8k,Cho:8k,Yoon:6k,Han:8k,Lim:8k,Shin:6k,Oh:6k,Hwang:5k,Seo:4k,
Kumar:25i,Sharma:15i,Gupta:15i,Reddy:12i,Rao:10i,Desai:10i,Mehta:10i,Iyer:6i,Nair:8i,Joshi:8i,
Agarwal:6i,Chowdhury:6i,Banerjee:5i,Mukherjee:5i,Krishnan:6i,Menon:5i,Bhatt:6i,Verma:6i,Malhotra:5i,Kapoor:5i,
Das:8i,Ghosh:5i,Srinivasan:5i,Subramanian:5i,Hossain:5i,Rahman:8i,
Chhay:8m,Sok:10m,Chea:8m,Meas:6m,Keo:6m,Prak:5m,Khem:4m,Chhim:4m,Heng:6m,Kong:6m,Ouk:4m,Som:4m,
Pierre:45t,Jean:40t,Jean-Baptiste:25t,Louis:25t,Augustin:10t,Célestin:8t,Désir:8t,Dorsainvil:6t,Exantus:5t,François:15t,
Jean-Louis:12t,Jean-Pierre:10t,Jeune:6t,Laguerre:6t,Lafortune:6t,Métellus:5t,Noël:10t,Petit-Frère:6t,Saint-Louis:10t,St. Fleur:6t,
Toussaint:10t,Vilsaint:4t,Delva:6t,Mondésir:5t,Fils-Aimé:6t,Ulysse:5t,Estimé:5t,Alexis:10t,Étienne:8t,Casimir:6t,
Cadet:6t,Jean-Charles:8t,Michel:12t,
Feliz:12h,Matos:20h,Almonte:15h,Batista:15h,Pichardo:8h,Polanco:10h,Ventura:15h,Tejada:10h,Mercedes:10h,Abreu:15h,
Peralta:15h,Paulino:12h,Encarnación:10h,Marte:8h,Burgos:15h,Cintrón:12h,Negrón:15h,Pagán:15h,Quiñones:15h,Ocasio:10h,
Lugo:15h,Báez:15h,De Jesús:20h,Concepción:10h,Rosado:12h,Otero:10h,Nieves:15h,Irizarry:10h,Correa:15h,Hidalgo:8h,
Rosa:30h,del Valle:6h,de la Rosa:8h,de los Santos:8h,
Levine:25,Goldberg:20,Friedman:20,Katz:20,Shapiro:20,Rosen:15,Kaplan:20,Stein:15,Rubin:15,Goldstein:15,
Bernstein:12,Segal:12,Rosenberg:12,Feldman:12,Greenberg:12,Levy:20,Levin:12,
Pappas:20,Karras:6,Demos:5,Papadopoulos:8,Antonopoulos:4,Kazanjian:6,Manoogian:4,Der Sarkisian:3,Hovsepian:4,Bedrosian:4,
Kowalski:15,Nowak:12,Wisniewski:8,Kozlowski:10,Jablonski:8,Lewandowski:8,Wójcik:4,Zielinski:8,Sadowski:6,Grabowski:6,
Van Buren:4,Van Dyke:8,Van Horn:4,Van Ness:3,
Mohamed:20a,Hassan:15a,Abdi:8a,Osman:6a,Haddad:10a,Khoury:8a,Saleh:6a,Aziz:5a,Osei:6a,Mensah:8a,
Owusu:8a,Asante:5a,Boateng:6a,Okafor:5a,Ibrahim:10a,Yusuf:5a,Farah:6a,Diallo:5a,
Coffin:8,Hathaway:10,Whitney:15,Emerson:12,Thayer:8,Sears:10,Crocker:8,Nickerson:12,Eldredge:8,Snow:15
`;

/** Family names that are compound in Spanish style ("de la Cruz"), used for the ~2% Hispanic compound surnames. */
export const HISPANIC_PARTICLE_SURNAMES = [
  'de la Cruz', 'de Jesús', 'del Rosario', 'de los Santos', 'de León', 'del Valle', 'de la Rosa', 'de la Torre',
  'de la Fuente', 'de los Reyes', 'del Río', 'de la Paz',
] as const;
