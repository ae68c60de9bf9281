/**
 * Massachusetts cities and towns (2020 census population, thousands) with county, telephone region and ZIP codes:
 * "City|County|population|region|zip zip …". Regions pick area codes: B Boston core (617/857), I inner suburbs
 * (781/339), N north and Merrimack Valley (978/351), C central and MetroWest (508/774), S south coast, south shore
 * and the Cape (508/774), W western (413).
 */
export const PLACES = `
Boston|Suffolk|675.6|B|02108 02109 02110 02111 02113 02114 02115 02116 02118 02119 02120 02121 02122 02124 02125 02126 02127 02128 02129 02130 02131 02132 02134 02135 02136 02210 02215
Worcester|Worcester|206.5|C|01602 01603 01604 01605 01606 01607 01608 01609 01610
Springfield|Hampden|155.9|W|01103 01104 01105 01107 01108 01109 01118 01119 01128 01129 01151
Cambridge|Middlesex|118.4|B|02138 02139 02140 02141 02142
Lowell|Middlesex|115.6|N|01850 01851 01852 01854
Brockton|Plymouth|105.6|S|02301 02302
Quincy|Norfolk|101.6|B|02169 02170 02171
Lynn|Essex|101.3|I|01901 01902 01904 01905
New Bedford|Bristol|101.1|S|02740 02744 02745 02746
Fall River|Bristol|94.0|S|02720 02721 02723 02724
Lawrence|Essex|89.1|N|01840 01841 01843
Newton|Middlesex|88.9|B|02458 02459 02460 02461 02462 02464 02465 02466 02467 02468
Somerville|Middlesex|81.0|B|02143 02144 02145
Framingham|Middlesex|72.4|C|01701 01702
Haverhill|Essex|67.8|N|01830 01832 01835
Malden|Middlesex|66.3|I|02148
Waltham|Middlesex|65.2|I|02451 02452 02453
Brookline|Norfolk|63.2|B|02445 02446
Revere|Suffolk|62.2|I|02151
Plymouth|Plymouth|61.2|S|02360
Medford|Middlesex|59.7|I|02155
Taunton|Bristol|59.4|S|02780
Weymouth|Norfolk|57.4|I|02188 02189 02190 02191
Chicopee|Hampden|55.6|W|01013 01020
Peabody|Essex|54.5|N|01960
Methuen|Essex|53.1|N|01844
Everett|Middlesex|49.1|B|02149
Barnstable|Barnstable|48.9|S|02601 02630 02632 02655
Attleboro|Bristol|46.5|S|02703
Arlington|Middlesex|46.3|I|02474 02476
Salem|Essex|44.5|N|01970
Leominster|Worcester|43.8|N|01453
Pittsfield|Berkshire|43.9|W|01201
Beverly|Essex|42.7|N|01915
Billerica|Middlesex|42.1|N|01821 01862
Fitchburg|Worcester|41.9|N|01420
Marlborough|Middlesex|41.8|C|01752
Woburn|Middlesex|40.9|I|01801
Westfield|Hampden|40.8|W|01085
Chelsea|Suffolk|40.8|B|02150
Amherst|Hampshire|39.3|W|01002 01003
Braintree|Norfolk|39.1|I|02184
Holyoke|Hampden|38.2|W|01040
Shrewsbury|Worcester|38.3|C|01545
Natick|Middlesex|37.0|C|01760
Andover|Essex|36.6|N|01810
Chelmsford|Middlesex|36.4|N|01824 01863
Watertown|Middlesex|35.3|B|02472
Randolph|Norfolk|35.0|I|02368
Lexington|Middlesex|34.5|I|02420 02421
Dartmouth|Bristol|33.8|S|02747 02748
Franklin|Norfolk|33.3|S|02038
Dracut|Middlesex|32.6|N|01826
Falmouth|Barnstable|32.5|S|02540 02536 02556
Needham|Norfolk|32.1|I|02492 02494
North Andover|Essex|30.9|N|01845
North Attleborough|Bristol|30.8|S|02760
Norwood|Norfolk|31.6|I|02062
Tewksbury|Middlesex|31.3|N|01876
Milford|Worcester|30.4|C|01757
Melrose|Middlesex|29.8|I|02176
Gloucester|Essex|29.7|N|01930
Northampton|Hampshire|29.6|W|01060 01062
Wellesley|Norfolk|29.6|I|02481 02482
Stoughton|Norfolk|29.3|I|02072
West Springfield|Hampden|28.8|W|01089
Agawam|Hampden|28.7|W|01001
Bridgewater|Plymouth|28.6|S|02324
Saugus|Essex|28.6|I|01906
Milton|Norfolk|28.6|B|02186
Danvers|Essex|28.1|N|01923
Belmont|Middlesex|27.3|B|02478
Wakefield|Middlesex|27.1|I|01880
Walpole|Norfolk|26.4|I|02081
Burlington|Middlesex|26.4|I|01803
Marshfield|Plymouth|25.8|I|02050
Reading|Middlesex|25.5|I|01867
Dedham|Norfolk|25.4|I|02026
Easton|Bristol|25.1|S|02356 02375
Yarmouth|Barnstable|25.0|S|02664 02673 02675
Westford|Middlesex|24.6|N|01886
Canton|Norfolk|24.4|I|02021
Hingham|Plymouth|24.3|I|02043
Middleborough|Plymouth|24.2|S|02346
Acton|Middlesex|24.0|N|01720
Mansfield|Bristol|23.9|S|02048
Wilmington|Middlesex|23.3|N|01887
Wareham|Plymouth|23.3|S|02571 02576
Winchester|Middlesex|23.0|I|01890
Westborough|Worcester|21.6|C|01581
Gardner|Worcester|21.3|N|01440
Ludlow|Hampden|21.0|W|01056
Marblehead|Essex|20.4|I|01945
Hudson|Middlesex|20.1|N|01749
Grafton|Worcester|19.7|C|01519 01536
Winthrop|Suffolk|19.3|B|02152
Norton|Bristol|19.2|S|02766
Scituate|Plymouth|19.1|I|02066
Sudbury|Middlesex|18.9|N|01776
Foxborough|Norfolk|18.6|S|02035
Sharon|Norfolk|18.6|I|02067
Somerset|Bristol|18.3|S|02726
Newburyport|Essex|18.3|N|01950
South Hadley|Hampshire|18.2|W|01075
Rockland|Plymouth|17.8|I|02370
Webster|Worcester|17.8|C|01570
Greenfield|Franklin|17.8|W|01301
Southbridge|Worcester|17.7|C|01550
Amesbury|Essex|17.4|N|01913
Swansea|Bristol|17.1|S|02777
Abington|Plymouth|17.1|I|02351
Auburn|Worcester|16.9|C|01501
Northbridge|Worcester|16.3|C|01588 01534
Easthampton|Hampshire|16.2|W|01027
Duxbury|Plymouth|16.1|I|02332
Fairhaven|Bristol|15.9|S|02719
Seekonk|Bristol|15.5|S|02771
Clinton|Worcester|15.4|N|01510
Swampscott|Essex|15.1|I|01907
Raynham|Bristol|15.1|S|02767
Nantucket|Nantucket|14.3|S|02554
Ipswich|Essex|13.8|N|01938
Kingston|Plymouth|13.7|I|02364
Oxford|Worcester|13.3|C|01540
North Adams|Berkshire|13.0|W|01247
Spencer|Worcester|12.0|C|01562
Athol|Worcester|11.9|N|01331
Holbrook|Norfolk|11.4|I|02343
Montague|Franklin|8.6|W|01376 01351
Adams|Berkshire|8.2|W|01220
Williamstown|Berkshire|7.5|W|01267
Great Barrington|Berkshire|7.2|W|01230
Dalton|Berkshire|6.3|W|01226
Oak Bluffs|Dukes|5.3|S|02557
Hadley|Hampshire|5.3|W|01035
Edgartown|Dukes|5.2|S|02539
Lenox|Berkshire|5.1|W|01240
Provincetown|Barnstable|3.7|S|02657
`;

/** Common New England street names with relative weights. */
export const STREETS = `
Main St:30,Washington St:18,Elm St:12,Maple St:10,Pleasant St:12,School St:10,Oak St:9,Highland Ave:9,Park St:9,Summer St:9,
Union St:8,Center St:8,Chestnut St:8,Prospect St:8,High St:10,Water St:7,Central St:7,Winter St:7,Spring St:7,Cedar St:6,
Pine St:7,Church St:8,Mill St:7,North St:7,South St:7,Walnut St:6,Franklin St:8,Beacon St:6,Commonwealth Ave:5,Massachusetts Ave:4,
Tremont St:4,Dorchester Ave:3,Blue Hill Ave:3,Centre St:5,Broadway:8,Adams St:6,Lincoln St:7,Hancock St:5,Bowdoin St:3,Cambridge St:4,
Boylston St:3,Salem St:5,Essex St:5,Lowell St:5,Worcester St:4,Boston Rd:4,Concord Rd:4,Lexington St:4,Forest St:6,Woodland Rd:5,
Hillside Ave:5,Lake St:5,Pond St:6,Cottage St:6,Green St:6,Grove St:7,Warren St:6,Myrtle St:4,Belmont St:4,Pearl St:5,
Charles St:5,Dudley St:3,Granite St:4,Auburn St:4,Bridge St:5,Linden St:4,Willow St:4,Sycamore St:3,Birch Rd:3,Hawthorne St:4,
Columbia Rd:3,Riverside Dr:3,Liberty St:4,Cherry St:4,Front St:4,Spruce St:4,Bay St:4,Ocean Ave:3,Elliot St:3,Hollis St:2,
Plain St:4,West St:6,East St:5,Chase St:2,Bedford St:4,Harrison Ave:3,Jefferson St:3,Madison St:3,Monroe St:2,Morton St:3,
Cross St:4,Pleasant View Ave:2,Meadow Ln:3,Orchard St:4,Brook St:4,Fairmount Ave:3,Sunset Rd:3,Stonybrook Rd:2,Old Colony Ave:2,County Rd:3
`;
