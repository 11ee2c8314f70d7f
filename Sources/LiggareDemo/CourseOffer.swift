import LiggareBasics
import LiggareDomain

/// A course in the demo catalogue, with the years it is given and who it is for.
struct CourseOffer {
  /// Who takes the course.
  enum Audience {
    case everyone, preschools, schools
  }

  let id: String
  let title: String
  let hours: Double
  let area: StrategyArea
  /// First and last day (days since epoch) on which sessions are held; defined on `from`.
  let from: Int32
  let until: Int32
  let audience: Audience

  /// When and for whom a course is given, without its strings: a session scans it, millions of times.
  struct Schedule {
    let from: Int32
    let until: Int32
    let audience: Audience

    func isGiven(on day: Int32, form: SchoolForm?) -> Bool {
      guard day >= from, day <= until else { return false }
      switch audience {
      case .everyone: return true
      case .preschools: return form == .förskola
      case .schools: return form != .förskola
      }
    }
  }

  /// The catalogue's schedules, in catalogue order.
  static let schedule = catalogue.map { Schedule(from: $0.from, until: $0.until, audience: $0.audience) }

  /// The catalogue over the strategy's five areas, from the PIM years to generative AI.
  static let catalogue: [CourseOffer] = {
    func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 { CivilDate(year: y, month: m, day: d)!.daysSinceEpoch }
    let start = day(2011, 1, 3)
    let end = day(2025, 12, 31)
    return [
      CourseOffer(
        id: "pim-intro", title: "PIM – introduktion till praktisk it- och mediekompetens", hours: 2,
        area: .digitalKompetens, from: start, until: day(2014, 6, 30), audience: .everyone),
      CourseOffer(
        id: "pim-bild-ljud", title: "PIM: bild och ljud i lärandet", hours: 6, area: .digitaltInnehåll,
        from: start, until: day(2014, 6, 30), audience: .everyone),
      CourseOffer(
        id: "pim-berattande", title: "PIM: digitalt berättande", hours: 8, area: .digitaltInnehåll,
        from: start, until: day(2015, 6, 30), audience: .everyone),
      CourseOffer(
        id: "it-grund", title: "Grundläggande it-stöd i verksamheten", hours: 3, area: .infrastruktur,
        from: start, until: end, audience: .everyone),
      CourseOffer(
        id: "natverk", title: "Trådlöst nätverk och utrustning i klassrummet", hours: 2, area: .infrastruktur,
        from: start, until: day(2017, 6, 30), audience: .schools),
      CourseOffer(
        id: "larplattform", title: "Lärplattformen: kommunikation med vårdnadshavare", hours: 3,
        area: .samarbeteOchKommunikation, from: start, until: day(2018, 6, 30), audience: .everyone),
      CourseOffer(
        id: "ped-dok", title: "Pedagogisk dokumentation med digitala verktyg", hours: 4, area: .uppföljning,
        from: start, until: end, audience: .preschools),
      CourseOffer(
        id: "upphovsratt", title: "Upphovsrätt och bildrättigheter", hours: 2, area: .digitaltInnehåll,
        from: start, until: end, audience: .everyone),
      CourseOffer(
        id: "kollegialt", title: "Kollegialt lärande med digitala verktyg", hours: 5,
        area: .samarbeteOchKommunikation, from: start, until: end, audience: .everyone),
      CourseOffer(
        id: "larplatta", title: "Lärplatta i förskolan", hours: 3, area: .digitalKompetens,
        from: day(2012, 8, 13), until: day(2020, 6, 30), audience: .preschools),
      CourseOffer(
        id: "it-uppfoljning", title: "Systematisk uppföljning av it-arbetet", hours: 3, area: .uppföljning,
        from: day(2013, 3, 18), until: end, audience: .everyone),
      CourseOffer(
        id: "digitala-lm", title: "Digitala läromedel i undervisningen", hours: 4, area: .digitaltInnehåll,
        from: day(2013, 8, 12), until: end, audience: .schools),
      CourseOffer(
        id: "kallkritik", title: "Källkritik och digitalt medborgarskap", hours: 3, area: .digitalKompetens,
        from: day(2014, 8, 11), until: end, audience: .everyone),
      CourseOffer(
        id: "digital-bedomn", title: "Digitala verktyg för bedömning", hours: 3, area: .uppföljning,
        from: day(2016, 1, 11), until: end, audience: .schools),
      CourseOffer(
        id: "programmering", title: "Programmering i undervisningen", hours: 6, area: .digitalKompetens,
        from: day(2017, 8, 14), until: end, audience: .schools),
      CourseOffer(
        id: "skolplattform", title: "Skolplattformen för pedagoger", hours: 4, area: .infrastruktur,
        from: day(2018, 8, 13), until: end, audience: .everyone),
      CourseOffer(
        id: "digi-forskola", title: "Digital kompetens i förskolans läroplan", hours: 4,
        area: .digitalKompetens, from: day(2019, 1, 14), until: end, audience: .preschools),
      CourseOffer(
        id: "distans", title: "Fjärr- och distansundervisning", hours: 4, area: .samarbeteOchKommunikation,
        from: day(2020, 3, 23), until: end, audience: .schools),
      CourseOffer(
        id: "digital-sakerh", title: "Informationssäkerhet i skolan", hours: 2, area: .infrastruktur,
        from: day(2021, 1, 11), until: end, audience: .everyone),
      CourseOffer(
        id: "ai-skolan", title: "Generativ AI i undervisningen", hours: 3, area: .digitaltInnehåll,
        from: day(2023, 8, 14), until: end, audience: .everyone),
    ]
  }()
}
