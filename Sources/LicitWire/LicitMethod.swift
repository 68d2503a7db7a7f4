/// Fully qualified names of the methods of licit.v1.
public enum LicitMethod {
    /// The first call on every connection.
    public static let hello = "licit.v1.Session/Hello"
    /// Returns its payload; the cheapest call.
    public static let echo = "licit.v1.Session/Echo"
}
