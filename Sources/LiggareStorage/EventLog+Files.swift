extension EventLog {
  /// The path of the last segment file (nil for an empty log), for noticing that another process
  /// appended to it.
  public var lastSegmentPath: String? { segments.last?.path }
}
