//! The public services `catalog refresh` reads, the documented JSON endpoint of each, and how a
//! response body becomes a fact. Pure: a body in, a value or the reason it is unusable out.

use serde_json::Value;

use crate::catalog::Framework;

/// A service that holds facts about frameworks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Service {
    /// PyPI's JSON API.
    Pypi,
    /// The npm registry.
    Npm,
    /// The crates.io API.
    Crates,
    /// Maven Central's search API.
    Maven,
    /// NuGet's package registration index.
    Nuget,
    /// The .NET release index (ASP.NET Core ships with the .NET SDK, not as a NuGet package).
    Dotnet,
    /// The RubyGems API.
    Rubygems,
    /// Packagist's metadata API.
    Packagist,
    /// The Hex API.
    Hex,
    /// The Go module proxy.
    Go,
    /// GitHub's repository API.
    Github,
    /// endoflife.date's API.
    Endoflife,
}

impl Service {
    /// Every service.
    pub const ALL: [Service; 12] = [
        Service::Pypi,
        Service::Npm,
        Service::Crates,
        Service::Maven,
        Service::Nuget,
        Service::Dotnet,
        Service::Rubygems,
        Service::Packagist,
        Service::Hex,
        Service::Go,
        Service::Github,
        Service::Endoflife,
    ];

    /// Its name in messages, and the folder of its fixtures under a test server.
    pub fn id(self) -> &'static str {
        match self {
            Service::Pypi => "pypi",
            Service::Npm => "npm",
            Service::Crates => "crates",
            Service::Maven => "maven",
            Service::Nuget => "nuget",
            Service::Dotnet => "dotnet",
            Service::Rubygems => "rubygems",
            Service::Packagist => "packagist",
            Service::Hex => "hex",
            Service::Go => "go",
            Service::Github => "github",
            Service::Endoflife => "endoflife",
        }
    }

    /// The service's real address, to which a lookup's path is appended.
    pub fn base_url(self) -> &'static str {
        match self {
            Service::Pypi => "https://pypi.org",
            Service::Npm => "https://registry.npmjs.org",
            Service::Crates => "https://crates.io",
            Service::Maven => "https://search.maven.org",
            Service::Nuget => "https://api.nuget.org",
            Service::Dotnet => "https://dotnetcli.blob.core.windows.net",
            Service::Rubygems => "https://rubygems.org",
            Service::Packagist => "https://repo.packagist.org",
            Service::Hex => "https://hex.pm",
            Service::Go => "https://proxy.golang.org",
            Service::Github => "https://api.github.com",
            Service::Endoflife => "https://endoflife.date",
        }
    }

    /// The source the overlay cites for facts read from this service: (id, title, publisher,
    /// documentation address).
    pub fn source(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            Service::Pypi => {
                ("REFRESH_PYPI", "PyPI JSON API", "Python Software Foundation", "https://docs.pypi.org/api/json/")
            }
            Service::Npm => (
                "REFRESH_NPM",
                "npm registry package metadata",
                "npm, Inc.",
                "https://github.com/npm/registry/blob/main/docs/responses/package-metadata.md",
            ),
            Service::Crates => ("REFRESH_CRATES", "crates.io API", "Rust Foundation", "https://crates.io/data-access"),
            Service::Maven => (
                "REFRESH_MAVEN",
                "Maven Central search API",
                "Sonatype",
                "https://central.sonatype.org/search/rest-api-guide/",
            ),
            Service::Nuget => (
                "REFRESH_NUGET",
                "NuGet package registration API",
                ".NET Foundation",
                "https://learn.microsoft.com/en-us/nuget/api/registration-base-url-resource",
            ),
            Service::Dotnet => (
                "REFRESH_DOTNET",
                ".NET release index",
                "Microsoft",
                "https://github.com/dotnet/core/blob/main/release-notes/releases-index.json",
            ),
            Service::Rubygems => {
                ("REFRESH_RUBYGEMS", "RubyGems API", "Ruby Central", "https://guides.rubygems.org/rubygems-org-api/")
            }
            Service::Packagist => {
                ("REFRESH_PACKAGIST", "Packagist metadata API", "Packagist", "https://packagist.org/apidoc")
            }
            Service::Hex => {
                ("REFRESH_HEX", "Hex API", "Hex", "https://github.com/hexpm/specifications/blob/main/apiary.apib")
            }
            Service::Go => (
                "REFRESH_GO_PROXY",
                "Go module proxy protocol",
                "The Go Authors",
                "https://go.dev/ref/mod#goproxy-protocol",
            ),
            Service::Github => (
                "REFRESH_GITHUB",
                "GitHub REST API: get a repository",
                "GitHub",
                "https://docs.github.com/en/rest/repos/repos#get-a-repository",
            ),
            Service::Endoflife => {
                ("REFRESH_ENDOFLIFE", "endoflife.date API", "endoflife.date", "https://endoflife.date/docs/api/v1/")
            }
        }
    }
}

/// Which fact a lookup refreshes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fact {
    /// `facts.latest_release`.
    Release,
    /// `facts.stars`.
    Stars,
    /// `facts.end_of_life`.
    EndOfLife,
}

impl Fact {
    /// The field's name in the change table.
    pub fn id(self) -> &'static str {
        match self {
            Fact::Release => "latest_release",
            Fact::Stars => "stars",
            Fact::EndOfLife => "end_of_life",
        }
    }
}

/// One request to make: which framework's fact, from which service, at which path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// The framework's id.
    pub framework: String,
    /// The fact it refreshes.
    pub fact: Fact,
    /// The service asked.
    pub service: Service,
    /// The path (and query) after the service's base URL.
    pub path: String,
}

/// A fact as read from a service.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// The latest stable release and its date (`YYYY-MM-DD`).
    Release {
        /// The version.
        version: String,
        /// Its date.
        date: String,
    },
    /// The repository's star count.
    Stars(u64),
    /// Every release cycle, newest first, with the date its support ends (`None`: not announced).
    Cycles(Vec<(String, Option<String>)>),
}

/// endoflife.date's product for a framework, where it tracks one (docs/catalog.md "Refreshed facts").
pub const END_OF_LIFE_PRODUCTS: [(&str, &str); 8] = [
    ("aspnet-core", "dotnet"),
    ("django", "django"),
    ("laravel", "laravel"),
    ("nodejs", "nodejs"),
    ("quarkus", "quarkus-framework"),
    ("rails", "rails"),
    ("spring-boot", "spring-boot"),
    ("symfony", "symfony"),
];

/// The lookups for every framework that names a package, a repository or an endoflife.date
/// product, in catalog order.
pub fn plan(frameworks: &[Framework]) -> Vec<Lookup> {
    let mut out = Vec::new();
    for f in frameworks {
        let lookup = |fact, service, path: String| Lookup { framework: f.id.to_string(), fact, service, path };
        if let Some(package) = &f.package {
            // The first word is the name; the rest of the field may explain it.
            let name = package.name.split_whitespace().next().unwrap_or_default();
            let release = match package.registry.as_str() {
                "pypi" => Some((Service::Pypi, format!("/pypi/{name}/json"))),
                "npm" => Some((Service::Npm, format!("/{}", name.replace('/', "%2f")))),
                "crates" => Some((Service::Crates, format!("/api/v1/crates/{name}"))),
                "maven" => name.split_once(':').map(|(group, artifact)| {
                    (
                        Service::Maven,
                        format!("/solrsearch/select?q=g:%22{group}%22+AND+a:%22{artifact}%22&core=gav&rows=50&wt=json"),
                    )
                }),
                // ASP.NET Core ships with the .NET runtime: its releases are the .NET release index's,
                // whichever of its package names (the shared framework or its reference pack) names it.
                "nuget"
                    if name.eq_ignore_ascii_case("Microsoft.AspNetCore.App")
                        || name.eq_ignore_ascii_case("Microsoft.AspNetCore.App.Ref") =>
                {
                    Some((Service::Dotnet, "/dotnet/release-metadata/releases-index.json".to_string()))
                }
                "nuget" => {
                    Some((Service::Nuget, format!("/v3/registration5-semver1/{}/index.json", name.to_lowercase())))
                }
                "rubygems" => Some((Service::Rubygems, format!("/api/v1/gems/{name}.json"))),
                "packagist" => Some((Service::Packagist, format!("/p2/{name}.json"))),
                "hex" => Some((Service::Hex, format!("/api/packages/{name}"))),
                "go" => Some((Service::Go, format!("/{}/@latest", go_escape(name)))),
                _ => None,
            };
            out.extend(release.map(|(service, path)| lookup(Fact::Release, service, path)));
        }
        if let Some(repository) = &f.repository {
            out.push(lookup(Fact::Stars, Service::Github, format!("/repos/{repository}")));
        }
        if let Some((_, product)) = END_OF_LIFE_PRODUCTS.iter().find(|(id, _)| *id == f.id) {
            out.push(lookup(Fact::EndOfLife, Service::Endoflife, format!("/api/v1/products/{product}/")));
        }
    }
    out
}

/// The endoflife.date product of a lookup's path.
pub fn product_of(path: &str) -> &str {
    path.trim_start_matches("/api/v1/products/").trim_end_matches('/')
}

/// A module path as the Go proxy wants it: each capital letter as `!` and its lower case.
fn go_escape(module: &str) -> String {
    module.chars().fold(String::new(), |mut out, c| {
        if c.is_ascii_uppercase() {
            out.push('!');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
        out
    })
}

/// The longest version accepted from a service, in characters.
pub const MAX_VERSION_CHARS: usize = 32;

/// The most GitHub stars accepted (the most-starred repository has about half a million).
pub const MAX_STARS: u64 = 10_000_000;

/// The most release cycles accepted from endoflife.date (a product lists at most a few dozen).
pub const MAX_CYCLES: usize = 500;

/// Whether a version names a stable release: at most [`MAX_VERSION_CHARS`] characters of numbers
/// and dots, at most six parts (a leading `v`, a trailing `.Final` or `.RELEASE` allowed), no
/// pre-release part.
pub fn is_stable(version: &str) -> bool {
    if version.len() > MAX_VERSION_CHARS {
        return false;
    }
    let version = version.strip_prefix('v').unwrap_or(version);
    let core = version.strip_suffix(".Final").or_else(|| version.strip_suffix(".RELEASE")).unwrap_or(version);
    !core.is_empty()
        && core.split('.').count() <= 6
        && core.split('.').all(|part| !part.is_empty() && part.len() <= 9 && part.bytes().all(|b| b.is_ascii_digit()))
}

/// A value from a body, quoted for a message: escaped, on one line, and cut to 40 characters.
fn quoted(value: &str) -> String {
    let cut: String = value.chars().take(40).collect();
    let more = if value.chars().count() > 40 { "…" } else { "" };
    format!("'{}{more}'", crate::escape::one_line(&cut))
}

/// A release cycle's name from endoflife.date: 1 to 32 letters, digits, dots and hyphens.
fn is_cycle(name: &str) -> bool {
    (1..=32).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// Read one response body of `service` into the fact it holds. Every value is checked here:
/// versions are stable releases ([`is_stable`]), dates are `YYYY-MM-DD` between 1970 and 2100,
/// star counts at most [`MAX_STARS`], cycle names short words; anything else makes this one
/// lookup fail, naming the value (escaped and cut).
pub fn read(service: Service, body: &str) -> Result<Found, String> {
    let json: Value = serde_json::from_str(body).map_err(|e| format!("the body is not the documented JSON ({e})"))?;
    let text = |value: &Value, what: &str| -> Result<String, String> {
        value.as_str().map(str::to_string).ok_or_else(|| format!("the body has no {what}"))
    };
    let day = |stamp: String| -> Result<String, String> {
        let day = stamp.get(..10).unwrap_or_default().to_string();
        let rest_ok = stamp.len() == 10 || stamp.as_bytes().get(10).is_some_and(|b| *b == b'T' || *b == b' ');
        if crate::catalog::validate::is_date(&day) && day.len() == 10 && rest_ok && stamp.len() <= 40 {
            Ok(day)
        } else {
            Err(format!("{} is not a date between 1970 and 2100", quoted(&stamp)))
        }
    };
    let release = |version: String, date: String| {
        if !is_stable(&version) {
            return Err(format!("the latest version {} is not a stable release", quoted(&version)));
        }
        Ok(Found::Release { version: version.trim_start_matches('v').to_string(), date })
    };
    match service {
        Service::Pypi => {
            let version = text(&json["info"]["version"], "info.version")?;
            let uploaded = json["urls"][0]["upload_time_iso_8601"]
                .as_str()
                .or_else(|| json["releases"][&version][0]["upload_time_iso_8601"].as_str())
                .ok_or("the body has no upload time of the latest version")?;
            release(version, day(uploaded.to_string())?)
        }
        Service::Npm => {
            let version = text(&json["dist-tags"]["latest"], "dist-tags.latest")?;
            let date = text(&json["time"][&version], "time of the latest version")?;
            release(version, day(date)?)
        }
        Service::Crates => {
            let version = text(&json["crate"]["max_stable_version"], "crate.max_stable_version")?;
            let versions = json["versions"].as_array().ok_or("the body has no versions")?;
            let created = versions
                .iter()
                .find(|v| v["num"].as_str() == Some(version.as_str()))
                .and_then(|v| v["created_at"].as_str())
                .ok_or("the body has no date for max_stable_version")?;
            release(version, day(created.to_string())?)
        }
        Service::Maven => {
            let docs = json["response"]["docs"].as_array().ok_or("the body has no response.docs")?;
            let newest = docs
                .iter()
                .filter(|d| d["v"].as_str().is_some_and(is_stable))
                .max_by_key(|d| d["timestamp"].as_i64().unwrap_or(0))
                .ok_or("no stable version among the results")?;
            let millis = newest["timestamp"].as_i64().ok_or("the body has no timestamp")?;
            release(text(&newest["v"], "v")?, day(crate::provenance::date(millis.clamp(0, 1 << 45) / 1000))?)
        }
        Service::Nuget => {
            let pages = json["items"].as_array().ok_or("the body has no items")?;
            let entries: Vec<&Value> = pages
                .iter()
                .flat_map(|page| page["items"].as_array().map(Vec::as_slice).unwrap_or_default())
                .map(|leaf| &leaf["catalogEntry"])
                .filter(|entry| entry["version"].as_str().is_some_and(is_stable))
                .collect();
            let newest = entries.last().ok_or("no stable version listed inline in the registration index")?;
            release(text(&newest["version"], "version")?, day(text(&newest["published"], "published")?)?)
        }
        Service::Dotnet => {
            let channels = json["releases-index"].as_array().ok_or("the body has no releases-index")?;
            let newest = channels
                .iter()
                .find(|c| matches!(c["support-phase"].as_str(), Some("active" | "maintenance")))
                .ok_or("no supported channel in the index")?;
            release(
                text(&newest["latest-release"], "latest-release")?,
                day(text(&newest["latest-release-date"], "latest-release-date")?)?,
            )
        }
        Service::Rubygems => {
            release(text(&json["version"], "version")?, day(text(&json["version_created_at"], "version_created_at")?)?)
        }
        Service::Packagist => {
            let packages = json["packages"].as_object().ok_or("the body has no packages")?;
            let versions = packages.values().next().and_then(Value::as_array).ok_or("the body lists no versions")?;
            let newest = versions
                .iter()
                .find(|v| v["version"].as_str().is_some_and(is_stable))
                .ok_or("no stable version listed")?;
            release(text(&newest["version"], "version")?, day(text(&newest["time"], "time")?)?)
        }
        Service::Hex => {
            let version = text(&json["latest_stable_version"], "latest_stable_version")?;
            let releases = json["releases"].as_array().ok_or("the body has no releases")?;
            let inserted = releases
                .iter()
                .find(|r| r["version"].as_str() == Some(version.as_str()))
                .and_then(|r| r["inserted_at"].as_str())
                .ok_or("the body has no date for latest_stable_version")?;
            release(version, day(inserted.to_string())?)
        }
        Service::Go => release(text(&json["Version"], "Version")?, day(text(&json["Time"], "Time")?)?),
        Service::Github => match json["stargazers_count"].as_u64() {
            Some(count) if count <= MAX_STARS => Ok(Found::Stars(count)),
            Some(count) => Err(format!("{count} stars is more than any repository has ({MAX_STARS} at most)")),
            None => Err("the body has no stargazers_count".into()),
        },
        Service::Endoflife => {
            let releases = json["result"]["releases"].as_array().ok_or("the body has no result.releases")?;
            if releases.len() > MAX_CYCLES {
                return Err(format!("{} release cycles listed, more than {MAX_CYCLES}", releases.len()));
            }
            let cycles = releases
                .iter()
                .map(|r| {
                    let name = text(&r["name"], "release name")?;
                    if !is_cycle(&name) {
                        return Err(format!("the release name {} is not a version cycle", quoted(&name)));
                    }
                    let ends = match &r["eolFrom"] {
                        Value::Null => None,
                        Value::String(date) => Some(day(date.clone())?),
                        _ => return Err("an eolFrom is neither a date nor null".into()),
                    };
                    Ok((name, ends))
                })
                .collect::<Result<Vec<_>, String>>()?;
            if cycles.is_empty() { Err("the product lists no releases".into()) } else { Ok(Found::Cycles(cycles)) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_versions() {
        assert!(is_stable("5.2.8"));
        assert!(is_stable("v1.10.0"));
        assert!(is_stable("2.16.12.Final"));
        assert!(!is_stable("3.4.0-M1"));
        assert!(!is_stable("3.17.0.CR1"));
        assert!(!is_stable("6.0a1"));
        assert!(!is_stable("dev-main"));
        assert!(!is_stable("1.0.0-rc.1"));
        assert!(!is_stable("1.0\u{1b}[31m"));
        assert!(!is_stable(&"1.".repeat(20)));
        assert!(!is_stable(&"9".repeat(40)));
    }

    #[test]
    fn hostile_values_fail_their_lookup_with_the_value_escaped_and_cut() {
        let pypi = |version: &str, time: &str| {
            serde_json::json!({"info": {"version": version}, "urls": [{"upload_time_iso_8601": time}]}).to_string()
        };
        let escaped = read(Service::Pypi, &pypi("1.0\u{1b}]8;;x\u{7}", "2025-01-01T00:00:00Z")).expect_err("refused");
        assert!(escaped.contains("not a stable release") && !escaped.contains('\u{1b}'), "{escaped}");
        assert!(read(Service::Pypi, &pypi("6.0rc1", "2025-01-01T00:00:00Z")).is_err_and(|e| e.contains("stable")));
        let long = read(Service::Pypi, &pypi(&"1".repeat(1 << 20), "2025-01-01")).expect_err("refused");
        assert!(long.len() < 200, "{long}");
        let year = read(Service::Pypi, &pypi("1.0", "99999-01-01T00:00:00Z")).expect_err("refused");
        assert!(year.contains("not a date"), "{year}");
        let eol = serde_json::json!({"result": {"releases": [{"name": "5.2", "eolFrom": "99999-12-31"}]}});
        assert!(read(Service::Endoflife, &eol.to_string()).is_err_and(|e| e.contains("not a date")));
        let stars = serde_json::json!({"stargazers_count": u64::MAX});
        assert!(read(Service::Github, &stars.to_string()).is_err());
        let maven = serde_json::json!({"response": {"docs": [{"v": "1.0", "timestamp": i64::MAX}]}});
        assert!(read(Service::Maven, &maven.to_string()).is_err_and(|e| e.contains("not a date")));
    }

    #[test]
    fn go_paths_escape_capitals() {
        assert_eq!(go_escape("github.com/BurntSushi/toml"), "github.com/!burnt!sushi/toml");
    }

    #[test]
    fn a_body_without_the_field_says_which() {
        assert_eq!(read(Service::Github, "{}"), Err("the body has no stargazers_count".into()));
        assert!(read(Service::Pypi, "<html>").is_err_and(|e| e.contains("not the documented JSON")));
    }
}

#[cfg(test)]
mod fixtures {
    use super::*;

    /// A fixture's body: its `#` header lines removed.
    fn body(text: &str) -> String {
        text.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn every_documented_shape_reads() {
        let release = |version: &str, date: &str| Found::Release { version: version.into(), date: date.into() };
        let cases = [
            (Service::Pypi, include_str!("../../tests/fixtures/refresh/pypi.txt"), release("0.122.0", "2025-11-24")),
            (Service::Npm, include_str!("../../tests/fixtures/refresh/npm.txt"), release("5.1.0", "2025-03-31")),
            (Service::Crates, include_str!("../../tests/fixtures/refresh/crates.txt"), release("0.8.7", "2025-11-10")),
            (Service::Maven, include_str!("../../tests/fixtures/refresh/maven.txt"), release("3.5.8", "2025-11-20")),
            (Service::Nuget, include_str!("../../tests/fixtures/refresh/nuget.txt"), release("13.0.4", "2025-09-16")),
            (Service::Dotnet, include_str!("../../tests/fixtures/refresh/dotnet.txt"), release("10.0.1", "2025-12-09")),
            (
                Service::Rubygems,
                include_str!("../../tests/fixtures/refresh/rubygems.txt"),
                release("8.1.1", "2025-10-28"),
            ),
            (
                Service::Packagist,
                include_str!("../../tests/fixtures/refresh/packagist.txt"),
                release("12.40.2", "2025-11-26"),
            ),
            (Service::Hex, include_str!("../../tests/fixtures/refresh/hex.txt"), release("1.8.2", "2025-11-18")),
            (Service::Go, include_str!("../../tests/fixtures/refresh/go.txt"), release("1.11.0", "2025-09-20")),
            (Service::Github, include_str!("../../tests/fixtures/refresh/github.txt"), Found::Stars(93_000)),
        ];
        for (service, text, expected) in cases {
            assert_eq!(read(service, &body(text)), Ok(expected), "{}", service.id());
        }
        let Ok(Found::Cycles(cycles)) =
            read(Service::Endoflife, &body(include_str!("../../tests/fixtures/refresh/endoflife.txt")))
        else {
            panic!("endoflife cycles")
        };
        assert_eq!(cycles[1], ("5.2".to_string(), Some("2028-04-30".to_string())));
    }
}
