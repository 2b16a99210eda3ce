package export

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"copydesk/editor"
)

// photoImages serves one generated photo for every library image.
type photoImages struct{ data []byte }

func (p photoImages) Image(ctx context.Context, src string) ([]byte, string, error) {
	return p.data, "", nil
}

func photo(t *testing.T, w, h int, format string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x + y), 255})
		}
	}
	var b bytes.Buffer
	var err error
	if format == "jpg" {
		err = jpeg.Encode(&b, img, nil)
	} else {
		err = png.Encode(&b, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestResponsiveImages(t *testing.T) {
	tests := []struct {
		name, ext  string
		w, h       int
		renditions []int
	}{
		{"large jpeg", "jpg", 2000, 1000, []int{480, 960, 1440}},
		{"medium png", "png", 1000, 750, []int{480, 960}},
		{"small png", "png", 400, 300, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			a := sampleFull()
			a.Version = 1
			a.Image.Src = "copydesk-image:3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea." + tt.ext
			site := testSite()
			site.Images = photoImages{photo(t, tt.w, tt.h, tt.ext)}
			site.Memory = &mapMemory{}
			if _, err := WriteSite(ctx, dir, []*editor.Article{a}, site); err != nil {
				t.Fatal(err)
			}
			folder := filepath.Join(dir, "world", "ukraine-allies-security-guarantees")
			page, err := os.ReadFile(filepath.Join(folder, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			base := "ukraine-allies-security-guarantees"
			var set []string
			for _, w := range tt.renditions {
				name := base + "-" + strconv.Itoa(w) + "." + tt.ext
				data, err := os.ReadFile(filepath.Join(folder, name))
				if err != nil {
					t.Fatal(err)
				}
				cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if cfg.Width != w || cfg.Height != (tt.h*w+tt.w/2)/tt.w {
					t.Errorf("%s is %d×%d", name, cfg.Width, cfg.Height)
				}
				set = append(set, name+" "+strconv.Itoa(w)+"w")
			}
			if _, err := os.Stat(filepath.Join(folder, base+"."+tt.ext)); err != nil {
				t.Errorf("original not kept: %v", err)
			}
			want := `<img src="` + base + "." + tt.ext + `"`
			if len(set) > 0 {
				set = append(set, base+"."+tt.ext+" "+strconv.Itoa(tt.w)+"w")
				want += ` srcset="` + strings.Join(set, ", ") + `" sizes="` + siteSizes + `"`
			}
			want += ` width="` + strconv.Itoa(tt.w) + `" height="` + strconv.Itoa(tt.h) + `"`
			if !strings.Contains(string(page), want) {
				t.Errorf("page lacks %s", want)
			}

			// Unchanged, the next export keeps the copies without making
			// them again; they are not pruned.
			rep, err := WriteSite(ctx, dir, []*editor.Article{a}, site)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Written != 0 || rep.Removed != 0 {
				t.Errorf("second export: %+v", rep)
			}
			for _, s := range set {
				name, _, _ := strings.Cut(s, " ")
				if _, err := os.Stat(filepath.Join(folder, name)); err != nil {
					t.Errorf("%s gone after an unchanged export: %v", name, err)
				}
			}
		})
	}
}
