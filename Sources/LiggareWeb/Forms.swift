import LiggareDomain

/// One refusal shown at the field it concerns and in the error summary.
public struct FieldError: Sendable, Hashable {
  /// The field's name (`person`, `level`, …); its element id is `f-<name>`.
  public var field: String
  /// What is wrong and what to do, in Swedish.
  public var message: String

  public init(field: String, message: String) {
    self.field = field
    self.message = message
  }
}

/// Values typed into a form and the refusals to show with them.
public struct FormState: Sendable, Hashable {
  /// The submitted values by field name, shown again so nothing typed is lost.
  public var values: [String: String]
  public var errors: [FieldError]

  public init(values: [String: String] = [:], errors: [FieldError] = []) {
    self.values = values
    self.errors = errors
  }

  /// The first error for `field`.
  public func error(_ field: String) -> String? {
    errors.first { $0.field == field }?.message
  }

  /// The value for `field`, or "".
  public subscript(_ field: String) -> String {
    values[field] ?? ""
  }
}

/// Form pieces in the GOV.UK / Designsystemet style: a label over each field, a hint, the error
/// message between label and field, and an error summary at the top linking to each field.
public enum Forms {
  /// The element id of a field.
  public static func id(_ field: String) -> String { "f-" + field }

  /// The hidden CSRF field every POST form carries.
  public static func csrfField(_ viewer: Viewer) -> HTML {
    csrfField(token: viewer.csrfToken)
  }

  /// The hidden CSRF field with a given token (the login form's pre-session token).
  public static func csrfField(token: String) -> HTML {
    HTML.void("input", [Attribute("type", "hidden"), Attribute("name", "csrf"), Attribute("value", token)])
  }

  /// "Det finns ett problem" with a link to each field in error; nothing when there is no error.
  public static func errorSummary(_ errors: [FieldError]) -> HTML {
    guard !errors.isEmpty else { return .empty }
    return el(
      "div",
      [
        Attribute("class", "error-summary"), Attribute("role", "alert"),
        Attribute("aria-labelledby", "error-summary-title"), Attribute("tabindex", "-1"), .flag("autofocus"),
      ]
    ) {
      el("h2", [Attribute("id", "error-summary-title")], text: "Det finns ett problem")
      el("ul") {
        for e in errors {
          el("li") { el("a", [Attribute("href", "#" + id(e.field))], text: e.message) }
        }
      }
    }
  }

  /// The kinds of input a field can have.
  public enum Input: Sendable, Hashable {
    case text, password, date, number, search, file
    /// A choice among (value, label) pairs; the first entry may be an empty "välj" choice.
    case select([(String, String)])
    /// A longer text.
    case textarea
    /// A group of check boxes among (value, label) pairs; the ticked values are sent under the
    /// field's name (the server joins them with commas).
    case checkboxes([(String, String)])
    /// One select 1–4 per strategy area (`ratings-1` … `ratings-5`), in a fieldset.
    case ratings

    public static func == (a: Input, b: Input) -> Bool { "\(a)" == "\(b)" }
    public func hash(into hasher: inout Hasher) { hasher.combine("\(self)") }
  }

  /// One labelled field with its hint and error.
  ///
  /// - Parameters:
  ///   - name: the form field's name; its id is `f-<name>`.
  ///   - autocomplete: the `autocomplete` token (`username`, `current-password`, `off`).
  public static func field(
    _ name: String, label: String, input: Input = .text, hint: String? = nil, state: FormState = FormState(),
    required: Bool = true, autocomplete: String? = nil, extra: [Attribute] = []
  ) -> HTML {
    let fieldID = id(name)
    let error = state.error(name)
    var describedBy: [String] = []
    if hint != nil { describedBy.append(fieldID + "-hint") }
    if error != nil { describedBy.append(fieldID + "-error") }
    var attributes = [Attribute("id", fieldID), Attribute("name", name)]
    if !describedBy.isEmpty {
      attributes.append(Attribute("aria-describedby", describedBy.joined(separator: " ")))
    }
    if error != nil { attributes.append(Attribute("aria-invalid", "true")) }
    if required { attributes.append(.flag("required")) }
    if let autocomplete { attributes.append(Attribute("autocomplete", autocomplete)) }
    attributes += extra
    let value = state[name]
    if case .checkboxes(let options) = input {
      return group(
        name, label: label, hint: hint, error: error,
        items: options.enumerated().map { i, option in
          let (v, l) = option
          let ticked = value.split(separator: ",").contains { String($0).trimmingWhitespace == v }
          let boxID = i == 0 ? fieldID : "\(fieldID)-\(i + 1)"
          var box = [
            Attribute("type", "checkbox"), Attribute("id", boxID), Attribute("name", name),
            Attribute("value", v),
          ]
          if ticked { box.append(.flag("checked")) }
          if i == 0, !describedBy.isEmpty {
            box.append(Attribute("aria-describedby", describedBy.joined(separator: " ")))
          }
          return el("div", [Attribute("class", "choice")]) {
            HTML.void("input", box)
            el("label", [Attribute("for", boxID)], text: l)
          }
        })
    }
    if case .ratings = input {
      return group(
        name, label: label, hint: hint, error: error,
        items: StrategyAreaNames.all.enumerated().map { i, area in
          let key = "ratings-\(i + 1)"
          let selectID = i == 0 ? fieldID : "\(fieldID)-\(i + 1)"
          var attributes = [Attribute("id", selectID), Attribute("name", key)]
          if required { attributes.append(.flag("required")) }
          if error != nil && state[key].isEmpty { attributes.append(Attribute("aria-invalid", "true")) }
          if i == 0, !describedBy.isEmpty {
            attributes.append(Attribute("aria-describedby", describedBy.joined(separator: " ")))
          }
          return el("div", [Attribute("class", "field rating")]) {
            el("label", [Attribute("for", selectID)], text: area)
            el("select", attributes) {
              for (v, l) in [("", "Välj")] + (1...4).map({ ("\($0)", "\($0)") }) {
                el("option", [Attribute("value", v)] + (v == state[key] ? [.flag("selected")] : []), text: l)
              }
            }
          }
        })
    }
    return el("div", [Attribute("class", error == nil ? "field" : "field has-error")]) {
      el("label", [Attribute("for", fieldID)], text: label)
      if let hint {
        el("span", [Attribute("class", "hint"), Attribute("id", fieldID + "-hint")], text: hint)
      }
      if let error {
        el(
          "span", [Attribute("class", "error-message"), Attribute("id", fieldID + "-error")],
          text: "Fel: " + error)
      }
      switch input {
      case .select(let options):
        el("select", attributes) {
          for (v, l) in options {
            el("option", [Attribute("value", v)] + (v == value ? [.flag("selected")] : []), text: l)
          }
        }
      case .textarea:
        el("textarea", attributes + [Attribute("rows", "3")], text: value)
      case .file:
        HTML.void(
          "input", attributes + [Attribute("type", "file"), Attribute("accept", ".csv,text/csv,text/plain")])
      case .checkboxes, .ratings:
        HTML.empty
      case .text, .password, .date, .number, .search:
        HTML.void(
          "input",
          attributes + [Attribute("type", typeName(input))]
            + (input == .password ? [] : [Attribute("value", value)]))
      }
    }
  }

  /// A fieldset with a legend, hint and error around several inputs (check boxes, ratings).
  static func group(_ name: String, label: String, hint: String?, error: String?, items: [HTML]) -> HTML {
    let fieldID = id(name)
    return el("fieldset", [Attribute("class", error == nil ? "field group" : "field group has-error")]) {
      el("legend", text: label)
      if let hint {
        el("span", [Attribute("class", "hint"), Attribute("id", fieldID + "-hint")], text: hint)
      }
      if let error {
        el(
          "span", [Attribute("class", "error-message"), Attribute("id", fieldID + "-error")],
          text: "Fel: " + error)
      }
      for item in items { item }
    }
  }

  static func typeName(_ input: Input) -> String {
    switch input {
    case .text: "text"
    case .password: "password"
    case .date: "date"
    case .number: "text"
    case .search: "search"
    default: "text"
    }
  }

  /// A POST form to `action` with the CSRF field; `multipart` for file uploads.
  public static func post(
    _ action: WebPath, viewer: Viewer, multipart: Bool = false, label: String? = nil,
    @HTMLBuilder content: () -> HTML
  ) -> HTML {
    var attributes = [
      Attribute("method", "post"), .action(action), Attribute("class", "stack"), .flag("novalidate"),
    ]
    if multipart { attributes.append(Attribute("enctype", "multipart/form-data")) }
    if let label { attributes.append(Attribute("aria-label", label)) }
    return el("form", attributes) {
      csrfField(viewer)
      content()
    }
  }

  /// A hidden field carrying a value into the next step (preview → confirm).
  public static func hidden(_ name: String, _ value: String) -> HTML {
    HTML.void("input", [Attribute("type", "hidden"), Attribute("name", name), Attribute("value", value)])
  }

  /// A submit button; `name`/`value` tell the server which step was chosen.
  public static func button(_ label: String, name: String? = nil, value: String? = nil, style: String? = nil)
    -> HTML
  {
    var attributes = [Attribute("type", "submit")]
    if let name { attributes.append(Attribute("name", name)) }
    if let value { attributes.append(Attribute("value", value)) }
    if let style { attributes.append(Attribute("class", style)) }
    return el("button", attributes, text: label)
  }
}

/// The five strategy areas' names as the pages show them (the contract's values).
enum StrategyAreaNames {
  static let all = StrategyArea.allCases.map(\.rawValue)
}
