//! Charts as inline SVG, written by hand: a radar of the five factor ratings and horizontal bars
//! of scores split into each criterion's contribution. The geometry is public so tests can check
//! that what is drawn matches the numbers.

use std::f64::consts::PI;
use std::fmt::Write;

use super::markup::escape;

/// Colours of the compared frameworks (Okabe–Ito, readable with colour-blindness).
pub const SERIES_COLOURS: [&str; 6] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];
/// Dash patterns of the frameworks' outlines, so they differ without colour too.
pub const SERIES_DASHES: [&str; 6] = ["none", "8 4", "2 3", "10 3 2 3", "5 2", "1 2"];
/// Colours of the criteria in the stacked bars, in criterion order.
pub const CRITERION_COLOURS: [&str; 7] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#B9A40A"];

/// The radar's frame: where it is drawn and how ratings map to distances.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Radar {
    /// The centre, in SVG user units.
    pub center: (f64, f64),
    /// The distance of the highest rating from the centre.
    pub radius: f64,
    /// How many axes (five factors).
    pub axes: usize,
    /// The rating at the outer ring (5).
    pub max: f64,
}

impl Radar {
    /// The frame used by [`radar`]: 540 × 420 units, the centre at (270, 210), radius 150.
    pub const STANDARD: Radar = Radar { center: (270.0, 210.0), radius: 150.0, axes: 5, max: 5.0 };

    /// The frame used by [`small_radar`]: 360 × 250 units, the centre at (180, 130), radius 80,
    /// so that labels keep their size when several radars sit side by side.
    pub const SMALL: Radar = Radar { center: (180.0, 130.0), radius: 80.0, axes: 5, max: 5.0 };

    /// The angle of an axis in radians: the first points straight up, the others follow clockwise.
    pub fn angle(&self, axis: usize) -> f64 {
        -PI / 2.0 + 2.0 * PI * axis as f64 / self.axes as f64
    }

    /// Where a rating lies on an axis: at rating / max of the radius from the centre.
    pub fn point(&self, axis: usize, rating: f64) -> (f64, f64) {
        let distance = self.radius * rating.clamp(0.0, self.max) / self.max;
        let angle = self.angle(axis);
        (self.center.0 + distance * libm::cos(angle), self.center.1 + distance * libm::sin(angle))
    }

    /// The corners of a framework's polygon, one per axis.
    pub fn polygon(&self, ratings: &[f64]) -> Vec<(f64, f64)> {
        ratings.iter().enumerate().map(|(axis, &r)| self.point(axis, r)).collect()
    }
}

/// One framework on the radar.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Its name.
    pub name: String,
    /// Its rating on each axis.
    pub values: Vec<f64>,
}

fn points(corners: &[(f64, f64)]) -> String {
    corners.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ")
}

/// A radar chart: rings at every whole rating, one labelled axis per factor, and one outlined
/// polygon per framework with a dot and a tooltip at each rating.
pub fn radar(axes: &[String], series: &[Series], title: &str) -> String {
    draw_radar(Radar { axes: axes.len(), ..Radar::STANDARD }, (540, 420), "radar", 0, axes, series, title)
}

/// A small radar of the [`Radar::SMALL`] frame, one of several on a page (small multiples):
/// `key` makes its title's id unique, and `colour` picks its series' colour and dash.
pub fn small_radar(axes: &[String], series: &Series, colour: usize, key: &str, title: &str) -> String {
    let frame = Radar { axes: axes.len(), ..Radar::SMALL };
    draw_radar(frame, (360, 250), &format!("radar-{key}"), colour, axes, std::slice::from_ref(series), title)
}

fn draw_radar(
    frame: Radar,
    (width, height): (u32, u32),
    id: &str,
    first_colour: usize,
    axes: &[String],
    series: &[Series],
    title: &str,
) -> String {
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart radar" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="{id}-title"><title id="{id}-title">{}</title>"#,
        escape(title)
    );
    svg.push_str(r#"<g class="grid">"#);
    for ring in 1..=frame.max as usize {
        let corners: Vec<(f64, f64)> = (0..frame.axes).map(|a| frame.point(a, ring as f64)).collect();
        let _ = write!(svg, r#"<polygon points="{}"/>"#, points(&corners));
        let (x, y) = frame.point(0, ring as f64);
        let _ = write!(svg, r#"<text class="ring" x="{:.1}" y="{:.1}">{ring}</text>"#, x + 4.0, y + 4.0);
    }
    for (axis, label) in axes.iter().enumerate() {
        let (x, y) = frame.point(axis, frame.max);
        let _ = write!(svg, r#"<line x1="{:.1}" y1="{:.1}" x2="{x:.1}" y2="{y:.1}"/>"#, frame.center.0, frame.center.1);
        let outer = Radar { radius: frame.radius + 14.0, ..frame };
        let (lx, ly) = outer.point(axis, frame.max);
        let anchor = if (lx - frame.center.0).abs() < 1.0 {
            "middle"
        } else if lx < frame.center.0 {
            "end"
        } else {
            "start"
        };
        // Labels below the centre hang under their point; the others sit above it.
        let dy = if ly > frame.center.1 + 1.0 { 12.0 } else { 0.0 };
        let _ = write!(
            svg,
            r#"<text class="axis" x="{lx:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            ly + dy,
            escape(label)
        );
    }
    svg.push_str("</g>");
    for (i, s) in series.iter().enumerate() {
        let colour = SERIES_COLOURS[(first_colour + i) % SERIES_COLOURS.len()];
        let dash = SERIES_DASHES[(first_colour + i) % SERIES_DASHES.len()];
        let corners = frame.polygon(&s.values);
        let _ = write!(
            svg,
            r#"<g class="series"><polygon points="{}" fill="{colour}" fill-opacity="0.10" stroke="{colour}" stroke-width="2.5" stroke-dasharray="{dash}"><title>{}</title></polygon>"#,
            points(&corners),
            escape(&s.name)
        );
        for ((x, y), (label, value)) in corners.iter().zip(axes.iter().zip(&s.values)) {
            let _ = write!(
                svg,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{colour}"><title>{}: {} {}</title></circle>"#,
                escape(&s.name),
                escape(label),
                super::rows::rating(*value)
            );
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

/// One bar: a label and the parts it is stacked from.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The row's label (a framework's name).
    pub label: String,
    /// Each criterion's name and contribution, in criterion order.
    pub parts: Vec<(String, f64)>,
    /// Points taken off the contributions' sum (a language switch or a migration), with why:
    /// drawn hatched over the end of the bar, and the total shown is what is left.
    pub cost: Option<(f64, String)>,
}

/// The horizontal bars' frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bars {
    /// Where the bars start (the labels are left of it).
    pub left: f64,
    /// Units per point of score.
    pub scale: f64,
    /// Height of one row.
    pub row: f64,
    /// Height of a bar within its row.
    pub thickness: f64,
    /// Space above the first row.
    pub top: f64,
}

impl Bars {
    /// The frame used by [`stacked_bars`]: bars from x = 170, 4.5 units a point, rows of 30.
    pub const STANDARD: Bars = Bars { left: 170.0, scale: 4.5, row: 30.0, thickness: 20.0, top: 10.0 };

    /// The x and width of each part of a bar, laid end to end from `left`.
    pub fn segments(&self, parts: &[f64]) -> Vec<(f64, f64)> {
        let mut x = self.left;
        parts
            .iter()
            .map(|&value| {
                let width = value.max(0.0) * self.scale;
                let segment = (x, width);
                x += width;
                segment
            })
            .collect()
    }

    /// The y of a row's bar.
    pub fn y(&self, row: usize) -> f64 {
        self.top + row as f64 * self.row + (self.row - self.thickness) / 2.0
    }
}

/// The colour of the hatching that marks points a cost strikes off a bar.
pub const COST_COLOUR: &str = "#3b3b3b";

/// The hatching of a struck-off cost: dark diagonal lines over a pale ground, readable in grey.
const COST_PATTERN: &str = r##"<defs><pattern id="cost-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff" fill-opacity="0.75"/><line x1="0" y1="0" x2="0" y2="6" stroke="#3b3b3b" stroke-width="2"/></pattern></defs>"##;

/// Horizontal bars of scores from 0 to 100, each stacked from the criteria's contributions
/// (coloured as [`CRITERION_COLOURS`]), with the total at its end and a scale underneath.
pub fn stacked_bars(bars: &[Bar], title: &str) -> String {
    let frame = Bars::STANDARD;
    let width = frame.left + 100.0 * frame.scale + 60.0;
    let axis_y = frame.top + bars.len() as f64 * frame.row + 4.0;
    let height = axis_y + 24.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart bars" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" role="img" aria-labelledby="bars-title"><title id="bars-title">{}</title>"#,
        escape(title)
    );
    if bars.iter().any(|b| b.cost.is_some()) {
        svg.push_str(COST_PATTERN);
    }
    svg.push_str(r#"<g class="grid">"#);
    for tick in (0..=100).step_by(20) {
        let x = frame.left + f64::from(tick) * frame.scale;
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{axis_y:.1}"/><text class="tick" x="{x:.1}" y="{:.1}" text-anchor="middle">{tick}</text>"#,
            frame.top,
            axis_y + 16.0
        );
    }
    svg.push_str("</g>");
    for (row, bar) in bars.iter().enumerate() {
        let y = frame.y(row);
        let values: Vec<f64> = bar.parts.iter().map(|(_, v)| *v).collect();
        let total: f64 = values.iter().sum();
        let _ = write!(
            svg,
            r#"<g class="bar"><text class="label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            frame.left - 8.0,
            y + frame.thickness / 2.0 + 4.5,
            escape(&bar.label)
        );
        for (i, ((x, w), (name, value))) in frame.segments(&values).into_iter().zip(&bar.parts).enumerate() {
            let colour = CRITERION_COLOURS[i % CRITERION_COLOURS.len()];
            let _ = write!(
                svg,
                r#"<rect x="{x:.2}" y="{y:.1}" width="{w:.2}" height="{:.1}" fill="{colour}"><title>{}: {}, +{value:.1} points</title></rect>"#,
                frame.thickness,
                escape(&bar.label),
                escape(name)
            );
        }
        // A cost strikes off the end of the bar: what is left is the score.
        let mut score = total;
        if let Some((points, why)) = &bar.cost {
            let struck = points.clamp(0.0, total.max(0.0));
            score = total - points;
            let _ = write!(
                svg,
                r#"<rect class="cost" x="{:.2}" y="{y:.1}" width="{:.2}" height="{:.1}" fill="url(#cost-hatch)" stroke="{COST_COLOUR}"><title>{}: {}, -{points:.1} points</title></rect>"#,
                frame.left + (total - struck) * frame.scale,
                struck * frame.scale,
                frame.thickness,
                escape(&bar.label),
                escape(why)
            );
        }
        let _ = write!(
            svg,
            r#"<text class="total" x="{:.1}" y="{:.1}">{score:.1}</text></g>"#,
            frame.left + total * frame.scale + 6.0,
            y + frame.thickness / 2.0 + 4.5
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `attr="…"` value of the elements named `element`, in document order.
    fn attributes<'a>(svg: &'a str, element: &str, attr: &str) -> Vec<&'a str> {
        svg.split(&format!("<{element} "))
            .skip(1)
            .filter_map(|rest| {
                let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
                let start =
                    tag.find(&format!(" {attr}=\"")).or_else(|| tag.starts_with(&format!("{attr}=\"")).then_some(0))?;
                let value = &tag[start..];
                let value = &value[value.find('"')? + 1..];
                Some(&value[..value.find('"')?])
            })
            .collect()
    }

    fn parse_points(text: &str) -> Vec<(f64, f64)> {
        text.split(' ')
            .map(|pair| {
                let (x, y) = pair.split_once(',').expect("x,y");
                (x.parse().expect("x"), y.parse().expect("y"))
            })
            .collect()
    }

    const AXES: [&str; 5] = ["Performance", "Scalability", "Productivity", "Integration", "Community"];

    fn axes() -> Vec<String> {
        AXES.map(String::from).to_vec()
    }

    #[test]
    fn radar_points_lie_at_rating_over_five_of_the_radius_on_their_axis() {
        let ratings = [2.5, 4.0, 5.0, 1.0, 3.5];
        let series = vec![
            Series { name: "Django".into(), values: ratings.to_vec() },
            Series { name: "Flask".into(), values: vec![2.0, 3.0, 4.0, 4.5, 4.5] },
        ];
        let svg = radar(&axes(), &series, "Factor ratings");
        let frame = Radar::STANDARD;
        let polygons = attributes(&svg, "polygon", "points");
        // Five grid rings, then one polygon per framework.
        assert_eq!(polygons.len(), 5 + 2);
        for (s, polygon) in series.iter().zip(&polygons[5..]) {
            let corners = parse_points(polygon);
            assert_eq!(corners.len(), 5);
            for (axis, ((x, y), rating)) in corners.iter().zip(&s.values).enumerate() {
                let (dx, dy) = (x - frame.center.0, y - frame.center.1);
                let distance = dx.hypot(dy);
                assert!((distance - rating / 5.0 * frame.radius).abs() < 0.15, "{}: axis {axis}", s.name);
                // The direction is the axis's: up for the first, then 72° clockwise each.
                let expected = -90.0 + 72.0 * axis as f64;
                let actual = dy.atan2(dx).to_degrees();
                let diff = (actual - expected).rem_euclid(360.0);
                assert!(!(0.1..=359.9).contains(&diff), "{}: axis {axis} at {actual}°, expected {expected}°", s.name);
            }
        }
        // The dots carry the same ratings as the polygon and name them.
        let dots = attributes(&svg, "circle", "cx");
        assert_eq!(dots.len(), 10);
        assert!(svg.contains("<title>Django: Integration 1</title>"));
        assert!(svg.contains("<title>Flask: Community 4.5</title>"));
    }

    #[test]
    fn radar_rings_are_whole_ratings_and_axes_reach_the_outer_ring() {
        let svg = radar(&axes(), &[], "empty");
        let frame = Radar::STANDARD;
        let rings = attributes(&svg, "polygon", "points");
        for (ring, polygon) in rings.iter().enumerate() {
            for (x, y) in parse_points(polygon) {
                let distance = (x - frame.center.0).hypot(y - frame.center.1);
                assert!((distance - (ring + 1) as f64 * 30.0).abs() < 0.15);
            }
        }
        for (x2, y2) in attributes(&svg, "line", "x2").iter().zip(attributes(&svg, "line", "y2")) {
            let distance = (x2.parse::<f64>().expect("x") - 270.0).hypot(y2.parse::<f64>().expect("y") - 210.0);
            assert!((distance - 150.0).abs() < 0.15);
        }
        for label in AXES {
            assert!(svg.contains(&format!(">{label}</text>")), "{label} is not labelled");
        }
    }

    #[test]
    fn bars_stack_the_contributions_end_to_end() {
        let bars = vec![
            Bar {
                label: "FastAPI".into(),
                parts: vec![("Performance".into(), 8.5), ("Use-case fit".into(), 22.7)],
                cost: None,
            },
            Bar {
                label: "Flask <&>".into(),
                parts: vec![("Performance".into(), 3.4), ("Use-case fit".into(), 22.7)],
                cost: None,
            },
        ];
        let svg = stacked_bars(&bars, "Scores");
        let frame = Bars::STANDARD;
        let xs: Vec<f64> = attributes(&svg, "rect", "x").iter().map(|v| v.parse().expect("x")).collect();
        let widths: Vec<f64> = attributes(&svg, "rect", "width").iter().map(|v| v.parse().expect("w")).collect();
        assert_eq!(xs.len(), 4);
        for (row, bar) in bars.iter().enumerate() {
            let mut x = frame.left;
            for (i, (_, value)) in bar.parts.iter().enumerate() {
                let k = row * 2 + i;
                assert!((xs[k] - x).abs() < 0.01, "row {row} part {i} starts at {}", xs[k]);
                assert!((widths[k] - value * frame.scale).abs() < 0.01);
                x += value * frame.scale;
            }
        }
        // The whole bar is the score: 31.2 points make 31.2 × 4.5 units.
        assert!((widths[0] + widths[1] - 31.2 * frame.scale).abs() < 0.02);
        assert!(svg.contains(">31.2</text>") && svg.contains(">26.1</text>"));
        assert!(svg.contains("Flask &lt;&amp;&gt;"), "labels are escaped");
        assert!(!svg.contains("cost-hatch"), "no cost, no hatching");
    }

    #[test]
    fn a_cost_is_struck_off_the_end_of_its_bar_and_the_total_is_what_is_left() {
        let bars = vec![Bar {
            label: "Gin".into(),
            parts: vec![("Performance".into(), 20.0), ("Use-case fit".into(), 40.0)],
            cost: Some((35.0, "Go is new to the team <b>".into())),
        }];
        let svg = stacked_bars(&bars, "Scores");
        let frame = Bars::STANDARD;
        let struck = svg.split(r#"<rect class="cost""#).nth(1).expect("a hatched rect");
        let attribute = |name: &str| -> f64 {
            let start = struck.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
            struck[start..].split('"').next().expect("value").parse().expect("a number")
        };
        // It covers the last 35 of the 60 points the criteria add.
        assert!((attribute("x") - (frame.left + 25.0 * frame.scale)).abs() < 0.01);
        assert!((attribute("width") - 35.0 * frame.scale).abs() < 0.01);
        assert!(svg.contains(">25.0</text>"), "the score shown is 60 - 35: {svg}");
        assert!(svg.contains("Go is new to the team &lt;b&gt;, -35.0 points"), "the reason is escaped");
    }
}
