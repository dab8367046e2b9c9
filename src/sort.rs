//! Stable sorting, compiled once for the .wasm.
//!
//! std's stable sort (driftsort, with its small-sort networks) is
//! instantiated anew for every element type and comparator: about 4 KB of
//! code per call site, 60 KB of the .wasm for a dozen sorts. In the wasm32
//! build `sort_by` therefore sorts a permutation of `u32` indices with one
//! instantiation of std's sort behind a `dyn` comparator, then applies it:
//! the same stable order, a little slower, in a few hundred bytes per call
//! site. Native builds call std directly.

use std::cmp::Ordering;

/// `v.sort_by(compare)`: stable, same result.
pub(crate) fn sort_by<T>(v: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(compare);
    #[cfg(target_arch = "wasm32")]
    by_indices(v, compare);
}

/// `v.sort_by_key(key)`: stable, same result.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The wasm32 path, compiled everywhere so that native tests check it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, reason = "the wasm32 path, tested natively"))]
fn by_indices<T>(v: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let len = u32::try_from(v.len()).expect("fewer than 2^32 elements");
    let mut order: Vec<u32> = (0..len).collect();
    sort_indices(&mut order, &|a, b| compare(&v[a as usize], &v[b as usize]));
    permute(v, order);
}

/// The one instantiation of std's stable sort.
#[inline(never)]
fn sort_indices(order: &mut [u32], compare: &dyn Fn(u32, u32) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Puts `v[order[i]]` at `i` for every `i`, in place: each cycle of the
/// permutation is walked once with swaps, and `order` marks what is done.
fn permute<T>(v: &mut [T], mut order: Vec<u32>) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = at as u32;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Equal keys (few distinct values) with distinct payloads check
        // stability as well as order.
        #[test]
        fn the_index_sort_is_std_stable_sort(keys in proptest::collection::vec(0u8..6, 0..200)) {
            let items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|b| std::cmp::Reverse(b.0));
            let mut got = items;
            by_indices(&mut got, |a, b| b.0.cmp(&a.0));
            prop_assert_eq!(got, expected);
        }

        #[test]
        fn any_permutation_is_applied(seed in proptest::collection::vec(any::<u32>(), 0..100)) {
            let mut order: Vec<u32> = (0..seed.len() as u32).collect();
            order.sort_by_key(|&i| seed[i as usize]);
            let v: Vec<String> = (0..seed.len()).map(|i| i.to_string()).collect();
            let expected: Vec<String> = order.iter().map(|&i| v[i as usize].clone()).collect();
            let mut got = v;
            permute(&mut got, order);
            prop_assert_eq!(got, expected);
        }
    }
}
