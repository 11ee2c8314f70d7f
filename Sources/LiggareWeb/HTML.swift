import LiggareBasics

/// A piece of HTML markup that is safe by construction: every value that enters it goes through
/// `HTML.text` (element content) or `Attribute` (a quoted attribute value), both escaped; tag and
/// attribute names are `StaticString`s, so only the program's own literals can name them.
///
/// There is no public way to wrap an arbitrary string as markup: a value from the log, the person
/// register, a form or a URL can only ever become text.
public struct HTML: Sendable, Hashable {
  /// The markup, already escaped.
  public private(set) var markup: String

  init(trusted markup: String) {
    self.markup = markup
  }

  /// No markup.
  public static let empty = HTML(trusted: "")

  /// `value` as element content: `& < > " '` become entities, so nothing in it can open a tag,
  /// end an element or start an attribute.
  public static func text(_ value: String) -> HTML {
    HTML(trusted: escape(value))
  }

  /// An element with its attributes and children; `children` are already safe markup.
  public static func element(_ name: StaticString, _ attributes: [Attribute] = [], _ children: [HTML]) -> HTML
  {
    var out = "<"
    out += name.description
    for attribute in attributes { attribute.write(to: &out) }
    out += ">"
    for child in children { out += child.markup }
    out += "</"
    out += name.description
    out += ">"
    return HTML(trusted: out)
  }

  /// A void element (`input`, `meta`, `link`, `br`): attributes and no end tag.
  public static func void(_ name: StaticString, _ attributes: [Attribute] = []) -> HTML {
    var out = "<"
    out += name.description
    for attribute in attributes { attribute.write(to: &out) }
    out += ">"
    return HTML(trusted: out)
  }

  /// A self-closed element inside SVG (`<line … />`, `<rect … />`): in SVG a start tag without
  /// `/>` stays open and swallows what follows.
  public static func svgEmpty(_ name: StaticString, _ attributes: [Attribute] = []) -> HTML {
    var out = "<"
    out += name.description
    for attribute in attributes { attribute.write(to: &out) }
    out += "/>"
    return HTML(trusted: out)
  }

  /// The pieces one after another.
  public static func join(_ parts: [HTML]) -> HTML {
    var out = ""
    for p in parts { out += p.markup }
    return HTML(trusted: out)
  }

  /// A literal written in the program (a fixed sentence with entities, a `<!DOCTYPE>`): never a value.
  public static func literal(_ markup: StaticString) -> HTML {
    HTML(trusted: markup.description)
  }

  /// Appends another piece.
  public mutating func append(_ other: HTML) {
    markup += other.markup
  }

  /// The markup as UTF-8 bytes.
  public var bytes: [UInt8] { Array(markup.utf8) }

  /// `value` escaped for element content and quoted attribute values (see `HTMLEscaping`).
  public static func escape(_ value: String) -> String { HTMLEscaping.escape(value) }
}

/// One attribute: a name fixed in the program and an escaped value (nil for a boolean attribute).
public struct Attribute: Sendable, Hashable {
  let name: String
  let value: String?

  /// `name="value"`, the value escaped.
  public init(_ name: StaticString, _ value: String) {
    self.name = name.description
    self.value = value
  }

  /// A boolean attribute such as `required` or `checked`, present or absent.
  public static func flag(_ name: StaticString) -> Attribute {
    Attribute(name: name.description, value: nil)
  }

  /// `href` or `action` to a path inside this server. Only a `WebPath` can be given, so a value
  /// such as `javascript:…` or `//elsewhere` can never become a link.
  public static func href(_ path: WebPath) -> Attribute {
    Attribute("href", path.string)
  }

  private init(name: String, value: String?) {
    self.name = name
    self.value = value
  }

  func write(to out: inout String) {
    out += " "
    out += name
    guard let value else { return }
    out += "=\""
    out += HTML.escape(value)
    out += "\""
  }
}

/// Builds markup with Swift's own `if`, `for` and `switch`: each line is a piece of `HTML` or a
/// `String`, which becomes escaped text.
@resultBuilder
public enum HTMLBuilder {
  public static func buildExpression(_ html: HTML) -> HTML { html }
  public static func buildExpression(_ text: String) -> HTML { .text(text) }
  public static func buildExpression(_ parts: [HTML]) -> HTML { .join(parts) }
  public static func buildBlock(_ parts: HTML...) -> HTML { .join(parts) }
  public static func buildOptional(_ part: HTML?) -> HTML { part ?? .empty }
  public static func buildEither(first: HTML) -> HTML { first }
  public static func buildEither(second: HTML) -> HTML { second }
  public static func buildArray(_ parts: [HTML]) -> HTML { .join(parts) }
}

extension HTML {
  /// An element whose children are written with `HTMLBuilder`.
  public static func el(
    _ name: StaticString, _ attributes: [Attribute] = [], @HTMLBuilder _ content: () -> HTML = { .empty }
  ) -> HTML {
    element(name, attributes, [content()])
  }

  /// Markup written with `HTMLBuilder`.
  public static func build(@HTMLBuilder _ content: () -> HTML) -> HTML {
    content()
  }
}

/// An element with attributes and builder content: `el("p", [Attribute("class", "x")]) { "text" }`.
public func el(
  _ name: StaticString, _ attributes: [Attribute] = [], @HTMLBuilder _ content: () -> HTML = { .empty }
)
  -> HTML
{
  HTML.element(name, attributes, [content()])
}

/// An element with text content only.
public func el(_ name: StaticString, _ attributes: [Attribute] = [], text: String) -> HTML {
  HTML.element(name, attributes, [.text(text)])
}
