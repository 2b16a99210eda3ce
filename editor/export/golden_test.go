package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden compares every format of every sample byte for byte with the
// reviewed files in testdata/golden; go test -update rewrites them.
func TestGolden(t *testing.T) {
	for _, s := range samples {
		for _, f := range Formats {
			t.Run(s.name+"/"+f.Name, func(t *testing.T) {
				var b bytes.Buffer
				if err := f.Encode(&b, s.art(), testSite()); err != nil {
					t.Fatal(err)
				}
				var again bytes.Buffer
				if err := f.Encode(&again, s.art(), testSite()); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(b.Bytes(), again.Bytes()) {
					t.Fatal("two encodings of the same article differ")
				}
				golden := filepath.Join("testdata", "golden", s.name+"."+f.Name+"."+f.Ext)
				if *update {
					if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if !bytes.Equal(b.Bytes(), want) {
					t.Errorf("%s differs from golden file; got:\n%s", golden, b.String())
				}
			})
		}
	}
}
