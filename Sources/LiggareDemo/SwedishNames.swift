/// The word lists the demo city is made of: fictional places, nature words for preschools, and
/// common Swedish first names and surnames for the fake staff (never real people's data).
enum SwedishNames {
  /// The districts of the fictional Norrvik stad; the first 14 are the city scale's, in board order.
  static let districts = [
    "Norrby", "Västerviken", "Ekdal", "Solberga-Lindö", "Kvarnholmen", "Björkhöjden", "Sjöberga",
    "Tallbacken-Råby", "Östra Hamnen", "Hagalund", "Stenåsen-Mälarhöjd", "Lillsjö", "Granvik", "Furuberg",
  ]

  /// First parts of place names: trees, water, land, birds, directions.
  static let placeStarts = [
    "Ek", "Björk", "Tall", "Gran", "Lind", "Al", "Asp", "Rönn", "Hassel", "Lönn", "Sjö", "Berg", "Sol",
    "Mal", "Sten", "Kvarn", "Bro", "Hav", "Strand", "Äng", "Skog", "Ljung", "Ros", "Vide", "Kastanj", "Fur",
    "En", "Ljus", "Norr", "Söder", "Väster", "Öster", "Kyrk", "Hag", "Mås", "Svan", "Örn", "Falk", "Tran",
    "Vass", "Lärk", "Hjort", "Råg", "Klöver", "Mossa", "Säl",
  ]

  /// Second parts of place names: the place in definite form, and the form used before "skolan".
  static let placeEnds: [(place: String, school: String)] = [
    ("backen", "backe"), ("hagen", "haga"), ("dalen", "dals"), ("berget", "bergs"), ("viken", "vik"),
    ("lunden", "lunds"), ("ängen", "ängs"), ("torpet", "torps"), ("holmen", "holms"), ("åsen", "ås"),
    ("höjden", "höjds"), ("gården", "gårds"), ("parken", "parks"), ("udden", "udds"), ("slätten", "slätts"),
    ("kullen", "kulle"),
  ]

  /// Place names for national-scale districts beyond the first fourteen (suffixes of villages).
  static let districtEnds = [
    "by", "vik", "dal", "berga", "sund", "näs", "torp", "hamra", "sätra", "stad", "åker",
  ]

  /// Nature words in definite form, for preschools ("Solrosens förskola").
  static let natureWords = [
    "Solrosen", "Blåklockan", "Ekorren", "Humlan", "Myran", "Lärkan", "Näckrosen", "Trollsländan",
    "Vitsippan", "Smultronet", "Äppelträdet", "Regnbågen", "Stjärnan", "Månskenet", "Sippan", "Fjärilen",
    "Nyckelpigan", "Igelkotten", "Ugglan", "Björnen", "Räven", "Haren", "Grodan", "Snigeln", "Tussilagon",
    "Prästkragen", "Kastanjen", "Lingonet", "Blåbäret", "Hallonet", "Vinden", "Molnet", "Snäckan",
    "Bäcken", "Kotten", "Pinnen", "Svalan", "Göken", "Tranan", "Mesen", "Ängsblomman", "Liljan", "Vallmon",
    "Linden", "Rönnbäret", "Hjortronet", "Krusbäret", "Skogsstjärnan", "Droppen", "Fröet", "Kottebo",
    "Sjöstjärnan", "Pärlan", "Ekollonet", "Mossan", "Lövet", "Tallkotten", "Stubben", "Ängen", "Myrstacken",
  ]

  /// Common Swedish women's first names.
  static let womenFirstNames = [
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kristina", "Emma", "Kerstin", "Ingrid", "Marie",
    "Malin", "Jenny", "Birgitta", "Hanna", "Linda", "Elin", "Ulla", "Annika", "Susanne", "Johanna",
    "Camilla", "Helena", "Sofia", "Åsa", "Ida", "Therese", "Louise", "Cecilia", "Anneli", "Monica", "Frida",
    "Ylva", "Agneta", "Lisa", "Maja", "Elsa", "Moa", "Amira", "Leila", "Fatima", "Katarina",
  ]

  /// Common Swedish men's first names.
  static let menFirstNames = [
    "Lars", "Mikael", "Anders", "Johan", "Per", "Erik", "Karl", "Peter", "Thomas", "Jan", "Daniel",
    "Fredrik", "Hans", "Andreas", "Stefan", "Mats", "Magnus", "Jonas", "Björn", "Mattias", "Oskar", "Niklas",
    "Henrik", "Gustav", "Viktor", "Emil", "Martin", "Ali", "Mohammed", "Omid", "Sven", "Ola", "Olle",
    "Pontus", "Kalle", "Tobias", "Joakim", "Håkan", "Göran", "Axel",
  ]

  /// Common Swedish surnames.
  static let surnames = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
    "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström", "Lindqvist", "Lindgren", "Axelsson",
    "Berg", "Bergström", "Lundberg", "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund", "Fredriksson",
    "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund", "Danielsson",
    "Lundin", "Håkansson", "Björk", "Bergman", "Gunnarsson", "Holm", "Wikström", "Samuelsson", "Isaksson",
    "Fransson", "Bergqvist", "Nyström", "Holmberg", "Arvidsson", "Löfgren", "Söderberg", "Nyberg",
    "Blomqvist", "Claesson", "Nordström", "Mårtensson", "Lundström", "Ali", "Mohammadi", "Hosseini",
    "Ahmed", "Öberg", "Åberg", "Ström", "Hedlund", "Dahlberg", "Sundberg", "Sjögren", "Ek", "Falk",
  ]
}
