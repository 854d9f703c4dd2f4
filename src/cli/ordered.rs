//! Work on many inputs in parallel, results handed on in the inputs' order as soon as each is
//! next, holding only a small window of results that finished early.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// Runs `work` on every item on up to `threads` threads and gives each result to `sink` in
/// item order. A worker does not start item `i` until fewer than `window` results are ahead of
/// the one `sink` is waiting for, so memory stays bounded whatever the order of completion.
/// `sink` returns `false` to stop early (say, the reader of the output went away).
///
/// Returns whether every item was handed to `sink`.
pub fn run<T, R>(
    items: &[T],
    threads: usize,
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> bool,
) -> bool
where
    T: Sync,
    R: Send,
{
    let threads = threads.clamp(1, items.len().max(1));
    let window = window.max(threads);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results `sink` has taken; workers wait on it to stay inside the window.
    let delivered = Mutex::new(0usize);
    let moved = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    let mut handed = 0;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop, delivered, moved, work) = (&next, &stop, &delivered, &moved, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                {
                    let mut done = delivered.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *done + window && !stop.load(Ordering::SeqCst) {
                        done = moved.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                }
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                match catch_unwind(AssertUnwindSafe(|| work(&items[i]))) {
                    Ok(r) => {
                        if tx.send((i, r)).is_err() {
                            break;
                        }
                    }
                    Err(_) => {
                        // The result for `i` will never come: nothing after it can be handed on.
                        stop.store(true, Ordering::SeqCst);
                        moved.notify_all();
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut early: BTreeMap<usize, R> = BTreeMap::new();
        'receive: for (i, r) in rx.iter() {
            early.insert(i, r);
            while let Some(r) = early.remove(&handed) {
                handed += 1;
                let go_on = sink(r);
                *delivered.lock().unwrap_or_else(|e| e.into_inner()) = handed;
                if !go_on {
                    stop.store(true, Ordering::SeqCst);
                }
                moved.notify_all();
                if !go_on {
                    break 'receive;
                }
            }
        }
        // Dropping the receiver tells workers still busy that nobody is listening.
        drop(rx);
    });
    handed == items.len()
}

/// Threads to use: one per core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn results_come_in_order_whatever_finishes_first() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        let all = run(
            &items,
            4,
            8,
            |&i| {
                // Early items are the slow ones.
                std::thread::sleep(Duration::from_micros((200 - i) * 20));
                i * 2
            },
            |r| {
                seen.push(r);
                true
            },
        );
        assert!(all);
        assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn no_more_than_the_window_runs_ahead() {
        let items: Vec<usize> = (0..100).collect();
        let started = AtomicUsize::new(0);
        let mut handed = 0;
        let mut worst = 0;
        run(
            &items,
            4,
            6,
            |&i| {
                started.fetch_max(i + 1, Ordering::SeqCst);
                if i == 0 {
                    std::thread::sleep(Duration::from_millis(50));
                }
                i
            },
            |_| {
                handed += 1;
                worst = worst.max(started.load(Ordering::SeqCst) - (handed - 1));
                true
            },
        );
        assert_eq!(handed, 100);
        // While item 0 sleeps, others may start only up to item 5.
        assert!(worst <= 6, "{worst} items started ahead");
    }

    #[test]
    fn the_sink_can_stop_the_run() {
        let items: Vec<usize> = (0..10_000).collect();
        let done = AtomicUsize::new(0);
        let mut taken = 0;
        let all = run(
            &items,
            2,
            4,
            |&i| {
                done.fetch_add(1, Ordering::SeqCst);
                i
            },
            |_| {
                taken += 1;
                taken < 3
            },
        );
        assert!(!all);
        assert_eq!(taken, 3);
        assert!(done.load(Ordering::SeqCst) < 100);
    }

    #[test]
    fn a_panicking_item_ends_the_run_without_hanging() {
        let items: Vec<usize> = (0..50).collect();
        let mut taken = Vec::new();
        let all = run(
            &items,
            3,
            4,
            |&i| {
                assert!(i != 10, "item 10 fails");
                i
            },
            |r| {
                taken.push(r);
                true
            },
        );
        assert!(!all);
        // Whatever came before the failed item, in order, and nothing after it.
        assert!(taken.len() <= 10, "{taken:?}");
        assert_eq!(taken, (0..taken.len()).collect::<Vec<_>>());
    }
}
