//! Nested brackets, line wrapping and `...` summarization (NumPy's `_formatArray`).

use super::element::ElemFormat;
use crate::array::NdArray;
use crate::scalar::Scalar;

/// One position along an axis: an element index, or the `...` of a summarized axis.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Item {
    At(usize),
    Ellipsis,
}

/// The positions printed along an axis of length `len` (> 0).
///
/// A summarized axis longer than `2 * edge` shows `edge` leading items, `...` and `edge`
/// trailing items; NumPy always prints the last item, even with `edge == 0`.
fn axis_items(len: usize, edge: usize, summarize: bool) -> Vec<Item> {
    if !(summarize && edge.saturating_mul(2) < len) {
        return (0..len).map(Item::At).collect();
    }
    let head = (0..edge).map(Item::At);
    let tail = (len - edge.max(1)..len).map(Item::At);
    head.chain(std::iter::once(Item::Ellipsis))
        .chain(tail)
        .collect()
}

/// The elements that will be printed, in C order; the formatter is fitted to these only.
pub(crate) fn shown_values(a: &NdArray, edge: usize, summarize: bool) -> Vec<Scalar> {
    fn walk(
        a: &NdArray,
        edge: usize,
        summarize: bool,
        index: &mut Vec<usize>,
        out: &mut Vec<Scalar>,
    ) {
        let axis = index.len();
        if axis == a.ndim() {
            out.push(a.get(index));
            return;
        }
        // NumPy slices the corners as a[:edge] and a[-edge:]; with edge 0 the latter is
        // the whole axis, so the formatter then sees every element
        let items = axis_items(a.shape()[axis], edge, summarize && edge > 0);
        for item in items {
            if let Item::At(i) = item {
                index.push(i);
                walk(a, edge, summarize, index, out);
                index.pop();
            }
        }
    }
    let mut out = Vec::new();
    if a.size() > 0 {
        walk(a, edge, summarize, &mut Vec::new(), &mut out);
    }
    out
}

/// Width of text as Python counts it (code points).
fn width(s: &str) -> i64 {
    s.chars().count() as i64
}

/// Everything `_formatArray` needs besides the position being printed.
pub(crate) struct Layout<'a> {
    pub array: &'a NdArray,
    pub format: &'a ElemFormat,
    pub separator: &'a str,
    pub edge: usize,
    pub summarize: bool,
}

impl Layout<'_> {
    /// The whole (non-empty) array; continuation lines start with `next_line_prefix`.
    pub fn render(&self, line_width: usize, next_line_prefix: &str) -> String {
        let room = i64::try_from(line_width).unwrap_or(i64::MAX);
        self.block(&mut Vec::new(), next_line_prefix, room)
    }

    /// The sub-array at `index`, with `hanging` as the indentation of its lines and
    /// `room` the columns available up to its closing bracket.
    fn block(&self, index: &mut Vec<usize>, hanging: &str, room: i64) -> String {
        let axis = index.len();
        let a = self.array;
        if axis == a.ndim() {
            return self.format.format(a.get(index));
        }
        // nested blocks sit one column further right and close one bracket earlier
        let inner_hanging = format!("{hanging} ");
        let inner_room = room - 1;
        let items = axis_items(a.shape()[axis], self.edge, self.summarize);
        let mut out = String::new();
        let word = |item: Item, index: &mut Vec<usize>| match item {
            Item::Ellipsis => "...".to_string(),
            Item::At(i) => {
                index.push(i);
                let s = self.block(index, &inner_hanging, inner_room);
                index.pop();
                s
            }
        };
        if axis + 1 == a.ndim() {
            // a row: words flow onto lines, leaving room for the separator or bracket
            let sep = self.separator.trim_end();
            let elem_room = room - width(sep).max(1);
            let mut line = hanging.to_string();
            for (k, &item) in items.iter().enumerate() {
                let w = word(item, index);
                extend_line(&mut out, &mut line, &w, elem_room, hanging);
                if k + 1 < items.len() {
                    line.push_str(self.separator);
                }
            }
            out.push_str(&line);
        } else {
            // higher axes: one sub-block per line, blank lines growing with depth
            let newlines = "\n".repeat(a.ndim() - axis - 1);
            let row_sep = format!("{}{newlines}", self.separator.trim_end());
            for (k, &item) in items.iter().enumerate() {
                out.push_str(hanging);
                out.push_str(&word(item, index));
                if k + 1 < items.len() {
                    out.push_str(&row_sep);
                }
            }
        }
        // the first line's indentation is replaced by the opening bracket
        let body: String = out.chars().skip(hanging.chars().count()).collect();
        format!("[{body}]")
    }
}

/// Appends `word` to `line`, first flushing `line` into `out` if the word would pass `room`
/// (unless the line holds nothing but indentation, where wrapping would not help).
fn extend_line(out: &mut String, line: &mut String, word: &str, room: i64, prefix: &str) {
    let too_long = width(line) + width(word) > room;
    if too_long && width(line) > width(prefix) {
        out.push_str(line.trim_end());
        out.push('\n');
        *line = prefix.to_string();
    }
    line.push_str(word);
}
