//! Client options → a resolved, checked configuration. The JS layer reads raw values off
//! the options object (checking JS types); everything here is plain Rust.

use crate::issue::{Issue, IssueCode};
use crate::text::js_number;

pub const DEFAULT_BASE_URL: &str = "https://handinger.com";
pub const DEFAULT_TIMEOUT_MS: f64 = 60_000.0;
pub const DEFAULT_MAX_RETRIES: u32 = 2;
pub const DEFAULT_MAX_RESPONSE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;
/// A timer longer than this fires at once in browsers (int32 overflow); refuse it instead.
pub const MAX_TIMEOUT_MS: f64 = 2_147_483_647.0;
pub const MAX_RETRIES_LIMIT: u32 = 10;

/// How much the client logs (each level includes the ones before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    Off,
    /// Giving up after retries; responses that fail validation.
    Warn,
    /// Retry decisions and their delays.
    Info,
    /// Every attempt: method, URL, headers (Authorization redacted), status.
    Debug,
}

impl LogLevel {
    pub fn parse(name: &str) -> Option<LogLevel> {
        match name {
            "off" => Some(LogLevel::Off),
            "warn" => Some(LogLevel::Warn),
            "info" => Some(LogLevel::Info),
            "debug" => Some(LogLevel::Debug),
            _ => None,
        }
    }

    /// The `console` method used for a message of this level.
    pub fn method(self) -> &'static str {
        match self {
            LogLevel::Off | LogLevel::Debug => "debug",
            LogLevel::Info => "info",
            LogLevel::Warn => "warn",
        }
    }
}

/// Options as given (after merging client and per-call options; `None` = not given).
#[derive(Debug, Default, Clone)]
pub struct RawOptions {
    /// `Some(None)` is an explicit `apiKey: null`: no key, no environment fallback.
    pub api_key: Option<Option<String>>,
    pub env_api_key: Option<String>,
    pub base_url: Option<String>,
    pub env_base_url: Option<String>,
    pub timeout_ms: Option<f64>,
    pub max_retries: Option<f64>,
    pub max_response_bytes: Option<f64>,
    pub allow_insecure_http: Option<bool>,
    pub strict: Option<bool>,
    pub log_level: Option<String>,
    pub headers: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub api_key: Option<String>,
    pub base: BaseUrl,
    pub timeout_ms: f64,
    pub max_retries: u32,
    pub max_response_bytes: f64,
    pub allow_insecure_http: bool,
    pub strict: bool,
    pub log_level: LogLevel,
    pub headers: Vec<(String, String)>,
}

impl Config {
    /// `{baseUrl}/api/tasks/{encoded id}`; the id must already be checked.
    pub fn task_url(&self, task_id: &str) -> String {
        format!("{}/api/tasks/{}", self.base.prefix(), crate::task_id::encode_path_segment(task_id))
    }

    /// Headers of every request: Authorization (when a key is set), Accept, then the
    /// user's (which may override ours). Nothing else custom: it would force CORS preflights.
    pub fn request_headers(&self) -> Vec<(String, String)> {
        let mut out = Vec::with_capacity(self.headers.len() + 2);
        if let Some(key) = &self.api_key {
            out.push(("authorization".to_string(), format!("Bearer {key}")));
        }
        out.push(("accept".to_string(), "application/json".to_string()));
        for (name, value) in &self.headers {
            let lower = name.to_ascii_lowercase();
            out.retain(|(n, _)| *n != lower);
            out.push((lower, value.clone()));
        }
        out
    }
}

/// Resolves options, collecting every problem (paths like `options.timeoutMs`).
pub fn resolve(raw: RawOptions) -> Result<Config, Vec<Issue>> {
    let mut issues = Vec::new();
    let api_key = match raw.api_key {
        Some(explicit) => explicit,
        None => raw.env_api_key.filter(|k| !k.is_empty()),
    };
    if let Some(key) = &api_key {
        if key.is_empty() || key.chars().any(|c| c.is_control() || c == ' ') {
            issues.push(opt_issue("apiKey", "expected a non-empty key without spaces or control characters"));
        } else if let Some((at, c)) = key.chars().enumerate().find(|(_, c)| !c.is_ascii_graphic()) {
            // Never echo the key: name the character and where it sits. A header carries
            // bytes only, so such a key could not even be sent.
            issues.push(opt_issue(
                "apiKey",
                &format!(
                    "contains U+{:04X} at character {at}: an API key is printable ASCII (was it pasted with an invisible or typographic character?)",
                    c as u32
                ),
            ));
        }
    }
    let allow_insecure_http = raw.allow_insecure_http.unwrap_or(false);
    let base_text = raw.base_url.or(raw.env_base_url.filter(|b| !b.is_empty()));
    let base = match BaseUrl::parse(base_text.as_deref().unwrap_or(DEFAULT_BASE_URL)) {
        Ok(base) if !base.secure && !base.loopback && !allow_insecure_http => {
            issues.push(opt_issue(
                "baseUrl",
                "http:// is refused for non-loopback hosts: the API key would travel in clear text; use https://, or set allowInsecureHttp: true if you really mean it",
            ));
            None
        }
        Ok(base) => Some(base),
        Err(why) => {
            issues.push(opt_issue("baseUrl", &why));
            None
        }
    };
    if api_key.is_none() && base.as_ref().is_some_and(|b| b.handinger) {
        // The official SDKs refuse this too: the request could only end in a 401.
        issues.push(opt_issue(
            "apiKey",
            "no API key for Handinger's API: pass apiKey (or, in Node, set HANDINGER_API_KEY); apiKey: null is for a baseUrl that is your own proxy adding the key",
        ));
    }
    let timeout_ms =
        number_in(&mut issues, "timeoutMs", raw.timeout_ms, DEFAULT_TIMEOUT_MS, 1.0, MAX_TIMEOUT_MS, false);
    let max_retries = number_in(
        &mut issues,
        "maxRetries",
        raw.max_retries,
        DEFAULT_MAX_RETRIES as f64,
        0.0,
        MAX_RETRIES_LIMIT as f64,
        true,
    ) as u32;
    let max_response_bytes = number_in(
        &mut issues,
        "maxResponseBytes",
        raw.max_response_bytes,
        DEFAULT_MAX_RESPONSE_BYTES,
        1.0,
        crate::MAX_SAFE_INTEGER,
        true,
    );
    let log_level = match raw.log_level.as_deref() {
        None => LogLevel::Off,
        Some(name) => LogLevel::parse(name).unwrap_or_else(|| {
            issues.push(opt_issue(
                "logLevel",
                &format!("expected 'off', 'warn', 'info' or 'debug', received {}", crate::text::quoted(name)),
            ));
            LogLevel::Off
        }),
    };
    for (name, value) in &raw.headers {
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            issues.push(opt_issue("headers", &format!("{} is not a valid header name", crate::text::quoted(name))));
        } else if value.chars().any(|c| c == '\r' || c == '\n' || c == '\0') {
            issues.push(opt_issue(&format!("headers.{name}"), "header values may not contain CR, LF or NUL"));
        } else if let Some(c) = value.chars().find(|&c| c as u32 > 0xFF) {
            // fetch takes header values as byte strings: it would throw on this one.
            issues.push(opt_issue(
                &format!("headers.{name}"),
                &format!("header values are byte strings (up to U+00FF); U+{:04X} cannot be sent", c as u32),
            ));
        }
    }
    match base {
        Some(base) if issues.is_empty() => Ok(Config {
            api_key,
            base,
            timeout_ms,
            max_retries,
            max_response_bytes,
            allow_insecure_http,
            strict: raw.strict.unwrap_or(false),
            log_level,
            headers: raw.headers,
        }),
        _ => Err(issues),
    }
}

fn opt_issue(name: &str, what: &str) -> Issue {
    Issue::new(format!("options.{name}"), IssueCode::InvalidOption, format!("options.{name}: {what}"))
}

fn number_in(
    issues: &mut Vec<Issue>,
    name: &str,
    value: Option<f64>,
    default: f64,
    min: f64,
    max: f64,
    integer: bool,
) -> f64 {
    let Some(v) = value else { return default };
    let kind = if integer { "an integer" } else { "a number" };
    if !v.is_finite() || v < min || v > max || (integer && v.fract() != 0.0) {
        issues.push(opt_issue(
            name,
            &format!("expected {kind} from {} to {}, received {}", js_number(min), js_number(max), js_number(v)),
        ));
        return default;
    }
    v
}

/// RFC 7230 token characters (header names).
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Every option name, for catching misspelt ones.
pub const OPTION_NAMES: &[&str] = &[
    "apiKey",
    "baseUrl",
    "timeoutMs",
    "maxRetries",
    "headers",
    "fetch",
    "maxResponseBytes",
    "allowInsecureHttp",
    "strict",
    "logLevel",
    "logger",
    "signal",
    "pollIntervalMs",
    "maxWaitMs",
    "onUpdate",
];

/// The option an unknown key was probably meant to be (`timeoutMS`, `maxRetrys`, `apikey`):
/// the same name in another case, or a slip of one letter (two in names of 9 letters or more)
/// that keeps the name's first two. Other unknown keys are left alone, so an options object may be a bigger config of the
/// caller's: a longer word built on a name (`fetcher`, `loggedIn`) is not a slip.
pub fn misspelt_option(key: &str) -> Option<&'static str> {
    if OPTION_NAMES.contains(&key) || key.len() < 4 || key.len() > 40 {
        return None;
    }
    let key = key.to_ascii_lowercase();
    OPTION_NAMES.iter().copied().find(|name| {
        let name = name.to_ascii_lowercase();
        let built_on = key.len() >= name.len() + 2 && key.starts_with(&name);
        // Two slips only in the longer names (`headless` is not a slip of `headers`).
        let slips = if name.len() >= 9 { 2 } else { 1 };
        key == name || (!built_on && key.get(..2) == name.get(..2) && edit_distance(&key, &name) <= slips)
    })
}

/// Edit distance over bytes (option names are ASCII) where swapping two neighbours is one
/// slip, as typing makes it (`strcit`, `timoeutMs`): optimal string alignment.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // Rows i-1 and i-2 of the distance table, and the row being filled.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (prev[j - 1] + cost).min(prev[j] + 1).min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut prev, row);
    }
    prev[b.len()]
}

/// A checked base URL: scheme, authority and an optional path prefix (no trailing slash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
    pub secure: bool,
    pub loopback: bool,
    /// Handinger's own API (handinger.com or a subdomain): it answers nothing without a key.
    pub handinger: bool,
}

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let bad = |why: &str| Err(format!("{why} (received {})", crate::text::quoted(text)));
        let Some((scheme, rest)) = text.split_once("://") else {
            return bad("expected an absolute http(s) URL such as https://handinger.com");
        };
        let secure = match scheme.to_ascii_lowercase().as_str() {
            "https" => true,
            "http" => false,
            _ => return bad("expected an http:// or https:// URL"),
        };
        if rest.contains(['?', '#']) {
            return bad("a base URL may not have a query or fragment");
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            return bad("credentials in the base URL are refused; pass apiKey instead");
        }
        let host = parse_host(authority)
            .ok_or_else(|| format!("expected a host name (received {})", crate::text::quoted(text)))?;
        if path.contains(|c: char| c.is_control() || c == ' ' || c == '\\') {
            return bad("the path prefix has spaces, backslashes or control characters");
        }
        Ok(BaseUrl {
            origin: format!("{}://{}", if secure { "https" } else { "http" }, authority.to_ascii_lowercase()),
            path: path.trim_end_matches('/').to_string(),
            secure,
            loopback: is_loopback_host(&host),
            handinger: {
                let host = host.trim_end_matches('.');
                host == "handinger.com" || host.ends_with(".handinger.com")
            },
        })
    }

    /// Origin and path prefix, without a trailing slash.
    pub fn prefix(&self) -> String {
        format!("{}{}", self.origin, self.path)
    }
}

/// Whether a redirect target must be refused: plain http to a host that is not loopback
/// (unless the caller allowed insecure http).
pub fn is_insecure_target(url: &str, allow_insecure_http: bool) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else { return true };
    if scheme.eq_ignore_ascii_case("https") {
        return false;
    }
    if !scheme.eq_ignore_ascii_case("http") {
        return true;
    }
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let loopback = parse_host(host_port).is_some_and(|h| is_loopback_host(&h));
    !loopback && !allow_insecure_http
}

/// The host of an authority (`host`, `host:port`, `[v6]`, `[v6]:port`), lower-cased.
pub(crate) fn parse_host(authority: &str) -> Option<String> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        if v6.is_empty() || !v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') {
            return None;
        }
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        (format!("[{v6}]"), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (authority.to_string(), None),
        }
    };
    if let Some(port) = port {
        if port.is_empty()
            || port.len() > 5
            || !port.bytes().all(|b| b.is_ascii_digit())
            || port.parse::<u32>().ok()? > 65535
        {
            return None;
        }
    }
    let ok_char =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'[' | b']' | b':') || b >= 0x80;
    if host.is_empty() || !host.bytes().all(ok_char) {
        return None;
    }
    Some(host.to_ascii_lowercase())
}

/// localhost, 127.0.0.0/8 and [::1] (DESIGN.md's loopback).
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    // Exactly these names: `*.localhost` is loopback in browsers but goes to DNS in Node.
    if host == "localhost" || host == "[::1]" || host == "[0:0:0:0:0:0:0:1]" {
        return true;
    }
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts[0] == "127"
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.parse::<u8>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Options with a key (Handinger's API refuses to be called without one).
    fn keyed() -> RawOptions {
        RawOptions { api_key: Some(Some("k".into())), ..Default::default() }
    }

    fn cfg(base: &str) -> Result<Config, Vec<Issue>> {
        resolve(RawOptions { base_url: Some(base.into()), api_key: Some(Some("k".into())), ..Default::default() })
    }

    #[test]
    fn builds_task_urls_with_prefixes_and_trailing_slashes() {
        let cases = [
            ("https://handinger.com", "https://handinger.com/api/tasks/a%2Fb"),
            ("https://handinger.com/", "https://handinger.com/api/tasks/a%2Fb"),
            ("https://example.com/proxy/v1/", "https://example.com/proxy/v1/api/tasks/a%2Fb"),
            ("HTTPS://Example.COM:8443/p", "https://example.com:8443/p/api/tasks/a%2Fb"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/tasks/a%2Fb"),
            ("http://[::1]:9/", "http://[::1]:9/api/tasks/a%2Fb"),
        ];
        for (base, url) in cases {
            assert_eq!(cfg(base).unwrap().task_url("a/b"), url, "{base}");
        }
    }

    #[test]
    fn misspelt_options_are_recognised_and_other_keys_left_alone() {
        assert_eq!(misspelt_option("timeoutMS"), Some("timeoutMs"));
        assert_eq!(misspelt_option("maxRetrys"), Some("maxRetries"));
        assert_eq!(misspelt_option("signals"), Some("signal"));
        assert_eq!(misspelt_option("apikey"), Some("apiKey"));
        assert_eq!(misspelt_option("baseurl"), Some("baseUrl"));
        assert_eq!(misspelt_option("pollInterval"), Some("pollIntervalMs"));
        assert_eq!(misspelt_option("strcit"), Some("strict"), "two letters swapped are one slip");
        assert_eq!(misspelt_option("timoeutMs"), Some("timeoutMs"));
        assert_eq!(misspelt_option("Strict"), Some("strict"));
        for fine in
            ["timeoutMs", "name", "id", "projectName", "retries", "x", "headless", "loggedIn", "fetcher", "isStrict"]
        {
            assert_eq!(misspelt_option(fine), None, "{fine}");
        }
    }

    #[test]
    fn handingers_api_without_a_key_is_refused_before_any_request() {
        for raw in [
            RawOptions::default(),
            RawOptions { api_key: Some(None), ..Default::default() },
            RawOptions { base_url: Some("https://api.handinger.com./v1".into()), ..Default::default() },
        ] {
            let err = resolve(raw).unwrap_err();
            assert_eq!(err[0].path, "options.apiKey");
            assert!(err[0].message.contains("HANDINGER_API_KEY"), "{}", err[0].message);
        }
        // Your own proxy may add the key itself; a look-alike host is not Handinger's.
        for base in ["https://proxy.example.com", "https://nothandinger.com", "http://127.0.0.1:1"] {
            let c = resolve(RawOptions { base_url: Some(base.into()), api_key: Some(None), ..Default::default() });
            assert_eq!(c.unwrap().api_key, None, "{base}");
        }
    }

    #[test]
    fn default_base_url_and_env_fallbacks() {
        let c = resolve(RawOptions { api_key: Some(Some("k".into())), ..Default::default() }).unwrap();
        assert_eq!(c.task_url("t"), "https://handinger.com/api/tasks/t");
        let c = resolve(RawOptions {
            env_api_key: Some("envkey".into()),
            env_base_url: Some("http://localhost:1".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(c.api_key.as_deref(), Some("envkey"));
        assert_eq!(c.task_url("t"), "http://localhost:1/api/tasks/t");
        // An explicit null wins over the environment.
        let c = resolve(RawOptions {
            api_key: Some(None),
            env_api_key: Some("envkey".into()),
            env_base_url: Some("http://localhost:1".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(c.api_key, None);
    }

    #[test]
    fn refuses_plain_http_to_other_hosts() {
        let err = cfg("http://example.com").unwrap_err();
        assert_eq!(err[0].path, "options.baseUrl");
        assert!(err[0].message.contains("allowInsecureHttp"));
        let ok = resolve(RawOptions {
            base_url: Some("http://example.com".into()),
            allow_insecure_http: Some(true),
            ..Default::default()
        });
        assert!(ok.is_ok());
        for lo in ["http://localhost", "http://127.0.0.1", "http://127.9.8.7:1", "http://[::1]"] {
            assert!(cfg(lo).is_ok(), "{lo}");
        }
        for not_lo in [
            "http://127.0.0.1.evil.com",
            "http://localhost.evil.com",
            "http://128.0.0.1",
            "http://[::2]",
            "http://app.localhost",
        ] {
            assert!(cfg(not_lo).is_err(), "{not_lo}");
        }
    }

    #[test]
    fn log_levels() {
        assert_eq!(resolve(keyed()).unwrap().log_level, LogLevel::Off);
        let c = resolve(RawOptions { log_level: Some("info".into()), ..keyed() }).unwrap();
        assert_eq!(c.log_level, LogLevel::Info);
        assert!(LogLevel::Debug > LogLevel::Info && LogLevel::Info > LogLevel::Warn && LogLevel::Warn > LogLevel::Off);
        let err = resolve(RawOptions { log_level: Some("verbose".into()), ..keyed() }).unwrap_err();
        assert_eq!(err[0].path, "options.logLevel");
    }

    #[test]
    fn redirect_targets() {
        assert!(!is_insecure_target("https://other.example/x", false));
        assert!(!is_insecure_target("http://127.0.0.1:9/api", false));
        assert!(!is_insecure_target("http://localhost/api", false));
        assert!(is_insecure_target("http://evil.example/api", false));
        assert!(!is_insecure_target("http://evil.example/api", true));
        assert!(is_insecure_target("ftp://x/", false));
        assert!(is_insecure_target("http://127.0.0.1.evil.example/", false));
    }

    #[test]
    fn rejects_malformed_base_urls() {
        for bad in [
            "",
            "handinger.com",
            "ftp://x",
            "https://",
            "https://a b",
            "https://u:p@x.com",
            "https://x.com?a=1",
            "https://x.com:99999",
            "https://x.com:",
            "https://[zz]",
        ] {
            assert!(cfg(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn checks_numbers_and_collects_all_issues() {
        let err = resolve(RawOptions {
            timeout_ms: Some(-1.0),
            max_retries: Some(1.5),
            max_response_bytes: Some(f64::NAN),
            ..keyed()
        })
        .unwrap_err();
        let paths: Vec<_> = err.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["options.timeoutMs", "options.maxRetries", "options.maxResponseBytes"]);
        assert!(err.iter().all(|i| i.code == IssueCode::InvalidOption));
    }

    #[test]
    fn headers_user_overrides_and_no_custom_defaults() {
        let c = resolve(RawOptions {
            api_key: Some(Some("k".into())),
            headers: vec![("X-Trace".into(), "1".into()), ("Accept".into(), "application/json; v=2".into())],
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            c.request_headers(),
            vec![
                ("authorization".to_string(), "Bearer k".to_string()),
                ("x-trace".to_string(), "1".to_string()),
                ("accept".to_string(), "application/json; v=2".to_string()),
            ]
        );
        let proxy = Some("https://proxy.example".to_string());
        let no_key = resolve(RawOptions { api_key: Some(None), base_url: proxy, ..Default::default() }).unwrap();
        assert_eq!(no_key.request_headers(), vec![("accept".to_string(), "application/json".to_string())]);
        assert!(resolve(RawOptions { headers: vec![("bad name".into(), "v".into())], ..keyed() }).is_err());
        assert!(resolve(RawOptions { headers: vec![("x".into(), "a\r\nb".into())], ..keyed() }).is_err());
        // Latin-1 values are byte strings and pass; anything above U+00FF cannot be sent.
        assert!(resolve(RawOptions { headers: vec![("x".into(), "caf\u{e9}".into())], ..keyed() }).is_ok());
        let wide = resolve(RawOptions { headers: vec![("x".into(), "\u{1F600}".into())], ..keyed() });
        assert!(wide.unwrap_err()[0].message.contains("U+1F600"));
    }

    #[test]
    fn api_keys_are_printable_ascii_and_never_echoed() {
        for key in ["hk_live_abc\u{200b}", "\u{201c}hk_live\u{201d}", "hk\u{e9}"] {
            let issues = resolve(RawOptions { api_key: Some(Some(key.into())), ..Default::default() }).unwrap_err();
            assert_eq!(issues[0].path, "options.apiKey");
            assert!(
                !issues[0].message.contains("hk_live") && !issues[0].message.contains("hk\u{e9}"),
                "{}",
                issues[0].message
            );
        }
        let env = resolve(RawOptions { env_api_key: Some("k\u{2026}".into()), ..Default::default() });
        assert!(env.unwrap_err()[0].message.contains("U+2026"));
        assert!(resolve(RawOptions { api_key: Some(Some("a b".into())), ..Default::default() }).is_err());
    }
}
