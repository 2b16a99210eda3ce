package bodyedit

// fenwick is a binary indexed tree over per-paragraph values (rune lengths,
// pixel heights). Typing changes one paragraph, so a point update and the
// prefix/search queries the renderer needs all stay O(log n) however long
// the story is; structural edits (Enter, paste) rebuild it in O(n).
type fenwick struct {
	t []float64 // 1-based
}

// build replaces the tree with n values in O(n).
func (f *fenwick) build(n int, val func(i int) float64) {
	if cap(f.t) >= n+1 {
		f.t = f.t[:n+1]
		clear(f.t)
	} else {
		f.t = make([]float64, n+1)
	}
	for i := 1; i <= n; i++ {
		f.t[i] += val(i - 1)
		if j := i + i&-i; j <= n {
			f.t[j] += f.t[i]
		}
	}
}

func (f *fenwick) len() int { return len(f.t) - 1 }

// add adds d to value i.
func (f *fenwick) add(i int, d float64) {
	for i++; i < len(f.t); i += i & -i {
		f.t[i] += d
	}
}

// prefix is the sum of values [0, i).
func (f *fenwick) prefix(i int) float64 {
	s := 0.0
	for ; i > 0; i -= i & -i {
		s += f.t[i]
	}
	return s
}

// find returns the largest k such that prefix(k) <= v, clamped to len-1:
// the index of the element that contains position v.
func (f *fenwick) find(v float64) int {
	n := f.len()
	pos := 0
	step := 1
	for step*2 <= n {
		step *= 2
	}
	for ; step > 0; step /= 2 {
		if pos+step <= n && f.t[pos+step] <= v {
			pos += step
			v -= f.t[pos]
		}
	}
	if pos >= n {
		pos = n - 1
	}
	if pos < 0 {
		pos = 0
	}
	return pos
}
