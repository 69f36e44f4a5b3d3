//! Every wasm module's allocator: power-of-two size classes with a free list each,
//! carved from pages `memory.grow` adds. About 300 bytes of wasm where dlmalloc (what
//! std uses on wasm32) is ~6 KB. What it gives up is coalescing: memory is held at
//! the peak each size class reached, which for a sign-in's few small, short-lived
//! buffers is a few hundred KB at most, reused by every later call. Freed blocks are
//! zeroed, so no secret outlives its buffer.
#![allow(unsafe_code)] // an allocator is raw memory by nature

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;

const PAGE: usize = 65536;
/// The smallest block: holds the free-list link, and keeps every block 16-aligned.
const MIN: usize = 16;
const CLASSES: usize = usize::BITS as usize;

struct State {
    /// Head of each class's free list (0 = empty); a free block's first word links on.
    free: [usize; CLASSES],
    /// The unused end of the pages grown so far.
    next: usize,
    end: usize,
}

pub struct SizeClasses(UnsafeCell<State>);

// SAFETY: the module runs on one thread.
unsafe impl Sync for SizeClasses {}

impl SizeClasses {
    pub const fn new() -> Self {
        Self(UnsafeCell::new(State {
            free: [0; CLASSES],
            next: 0,
            end: 0,
        }))
    }
}

/// The class of a request: its block is `1 << class` bytes.
fn class(layout: &Layout) -> Option<usize> {
    if layout.align() > MIN {
        return None; // no type here needs more; refusing beats misaligning
    }
    let size = layout.size().max(MIN).checked_next_power_of_two()?;
    Some(size.trailing_zeros() as usize)
}

unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(&layout) else {
            return core::ptr::null_mut();
        };
        // SAFETY: single-threaded, and no allocation happens while `s` is held.
        let s = unsafe { &mut *self.0.get() };
        let head = s.free[c];
        if head != 0 {
            // SAFETY: `head` is a freed block of this class; its first word is the link.
            s.free[c] = unsafe { *(head as *const usize) };
            return head as *mut u8;
        }
        let size = 1usize << c;
        if s.end - s.next < size {
            let pages = size.div_ceil(PAGE).max(4);
            let old = core::arch::wasm32::memory_grow(0, pages);
            if old == usize::MAX {
                return core::ptr::null_mut();
            }
            // Pages are contiguous: a fresh run follows on from the last one when it can.
            let start = old * PAGE;
            if start != s.end {
                s.next = start;
            }
            s.end = start + pages * PAGE;
        }
        let p = s.next;
        s.next += size;
        p as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(c) = class(&layout) {
            // Scrubbed: a freed block may have held a password, a token or an SRP secret
            // (request bodies, argument copies), and it stays in linear memory.
            // SAFETY: the caller owned `layout.size()` bytes at `ptr`.
            unsafe { core::ptr::write_bytes(ptr, 0, layout.size()) };
            // SAFETY: as in `alloc`; `ptr` is a block of class `c` no one uses any more.
            let s = unsafe { &mut *self.0.get() };
            unsafe { *(ptr as *mut usize) = s.free[c] };
            s.free[c] = ptr as usize;
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Growing within the block's class moves nothing.
        if let (Some(c), Ok(new)) = (
            class(&layout),
            Layout::from_size_align(new_size, layout.align()),
        ) {
            if class(&new) == Some(c) {
                return ptr;
            }
            // SAFETY: the caller's contract, passed on.
            let out = unsafe { self.alloc(new) };
            if !out.is_null() {
                unsafe {
                    core::ptr::copy_nonoverlapping(ptr, out, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
            }
            return out;
        }
        core::ptr::null_mut()
    }
}
