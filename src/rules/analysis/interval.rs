//! Sets of values on the number line, exact: what a row of a step table catches, what a
//! measure can take, what is left when the rows above have caught their share. Values are
//! decimals, or whole numbers when the measure is a count (then `> 2` is `≥ 3`).

use rust_decimal::Decimal;

use crate::base::diag::ValueRange;

/// One end of an interval: a value included or not, or no end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum End {
    Closed(Decimal),
    Open(Decimal),
    Unbounded,
}

/// The values between two ends; empty when they cross.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Interval {
    pub(super) lo: End,
    pub(super) hi: End,
}

/// Whether a lower end starts no later than another (−∞ first; at one value, included first).
fn lo_le(a: End, b: End) -> bool {
    match (a, b) {
        (End::Unbounded, _) => true,
        (_, End::Unbounded) => false,
        (End::Closed(x), End::Closed(y) | End::Open(y)) => x <= y,
        (End::Open(x), End::Closed(y)) => x < y,
        (End::Open(x), End::Open(y)) => x <= y,
    }
}

/// Whether an upper end stops no later than another (+∞ last; at one value, excluded first).
fn hi_le(a: End, b: End) -> bool {
    match (a, b) {
        (_, End::Unbounded) => true,
        (End::Unbounded, _) => false,
        (End::Open(x), End::Closed(y) | End::Open(y)) => x <= y,
        (End::Closed(x), End::Open(y)) => x < y,
        (End::Closed(x), End::Closed(y)) => x <= y,
    }
}

impl Interval {
    pub(super) const ALL: Interval = Interval {
        lo: End::Unbounded,
        hi: End::Unbounded,
    };

    pub(super) fn is_empty(&self) -> bool {
        match (self.lo, self.hi) {
            (End::Unbounded, _) | (_, End::Unbounded) => false,
            (End::Closed(a), End::Closed(b)) => a > b,
            (End::Closed(a) | End::Open(a), End::Closed(b) | End::Open(b)) => a >= b,
        }
    }

    pub(super) fn intersect(&self, other: &Interval) -> Interval {
        Interval {
            lo: if lo_le(self.lo, other.lo) {
                other.lo
            } else {
                self.lo
            },
            hi: if hi_le(self.hi, other.hi) {
                self.hi
            } else {
                other.hi
            },
        }
    }

    /// Whether every value of `other` is in this one (an empty `other` is).
    pub(super) fn contains(&self, other: &Interval) -> bool {
        other.is_empty() || (lo_le(self.lo, other.lo) && hi_le(other.hi, self.hi))
    }

    /// The values of this interval that `other` does not hold: at most two pieces. On whole
    /// numbers, the pieces' ends are the neighbouring whole numbers.
    fn minus(&self, other: &Interval, whole: bool) -> Vec<Interval> {
        let cut = self.intersect(other);
        if cut.is_empty() {
            return vec![*self];
        }
        let before = match cut.lo {
            End::Unbounded => None,
            End::Closed(x) if whole => Some(End::Closed(x - Decimal::ONE)),
            End::Closed(x) => Some(End::Open(x)),
            End::Open(x) => Some(End::Closed(x)),
        };
        let after = match cut.hi {
            End::Unbounded => None,
            End::Closed(x) if whole => Some(End::Closed(x + Decimal::ONE)),
            End::Closed(x) => Some(End::Open(x)),
            End::Open(x) => Some(End::Closed(x)),
        };
        [
            before.map(|hi| Interval { lo: self.lo, hi }),
            after.map(|lo| Interval { lo, hi: self.hi }),
        ]
        .into_iter()
        .flatten()
        .filter(|i| !i.is_empty())
        .collect()
    }

    /// The interval as the problem says it.
    pub(super) fn range(&self) -> ValueRange {
        let end = |e: End| match e {
            End::Closed(x) => Some((x.normalize(), true)),
            End::Open(x) => Some((x.normalize(), false)),
            End::Unbounded => None,
        };
        ValueRange {
            from: end(self.lo),
            to: end(self.hi),
        }
    }
}

/// A union of disjoint intervals.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Ranges(pub(super) Vec<Interval>);

impl Ranges {
    pub(super) fn of(i: Interval) -> Ranges {
        Ranges(if i.is_empty() { Vec::new() } else { vec![i] })
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether any of these values is in `i`.
    pub(super) fn meets(&self, i: &Interval) -> bool {
        self.0.iter().any(|r| !r.intersect(i).is_empty())
    }

    /// These values without those of `other`.
    pub(super) fn minus(&self, other: &Interval, whole: bool) -> Ranges {
        Ranges(self.0.iter().flat_map(|i| i.minus(other, whole)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: i64) -> Decimal {
        Decimal::from(n)
    }

    #[test]
    fn what_is_left_after_the_rows_above() {
        let domain = Interval {
            lo: End::Closed(d(0)),
            hi: End::Closed(d(100)),
        };
        let at_least_95 = Interval {
            lo: End::Closed(d(95)),
            hi: End::Unbounded,
        };
        let left = Ranges::of(domain).minus(&at_least_95, false);
        assert_eq!(
            left.0,
            [Interval {
                lo: End::Closed(d(0)),
                hi: End::Open(d(95))
            }]
        );
        // On whole numbers, below 3 is at most 2.
        let left = Ranges::of(Interval {
            lo: End::Closed(d(0)),
            hi: End::Unbounded,
        })
        .minus(
            &Interval {
                lo: End::Closed(d(3)),
                hi: End::Unbounded,
            },
            true,
        );
        assert_eq!(left.0[0].hi, End::Closed(d(2)));
        assert!(at_least_95.contains(&Interval {
            lo: End::Closed(d(98)),
            hi: End::Unbounded
        }));
        assert!(
            Interval {
                lo: End::Open(d(5)),
                hi: End::Open(d(5))
            }
            .is_empty()
        );
    }
}
