package desk_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"copydesk/desk"
	"copydesk/storage"
)

const (
	killLibraryEnv = "COPYDESK_DESK_KILL_LIBRARY"
	killStageEnv   = "COPYDESK_DESK_KILL_STAGE"
)

// TestSyncKillChild is not a test on its own: TestSyncSurvivesSIGKILL runs
// it in a child process, which syncs and stops at a stage to be killed.
func TestSyncKillChild(t *testing.T) {
	path := os.Getenv(killLibraryEnv)
	if path == "" {
		t.Skip("helper process for TestSyncSurvivesSIGKILL")
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	st, err := db.DeskState(ctx)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	remote, err := desk.OpenRemote(st.Remote)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	stop := os.Getenv(killStageEnv)
	_, err = desk.Sync(ctx, db, remote, desk.Options{Stage: func(name string) {
		fmt.Println("stage", name)
		if name == stop {
			select {} // wait here to be killed
		}
	}})
	fmt.Println("done", err)
	os.Exit(0)
}

func TestSyncSurvivesSIGKILL(t *testing.T) {
	runs := 20
	if os.Getenv("COPYDESK_STRESS") == "1" {
		runs = 100
	}
	if testing.Short() {
		runs = 5
	}
	url := bareDesk(t)
	ada, ben := newMachine(t, url, "Ada Reporter"), newMachine(t, url, "Ben Editor")
	ada.join()
	ben.join()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	stages := []string{"fetched", "committed", "pushed", "" /* killed at a random moment */}
	var wantAda, wantBen []string
	for i := range runs {
		// Something to send from ada, and something to take in from ben.
		a := ada.write(sample(fmt.Sprintf("Ada's story %d", i)))
		wantAda = append(wantAda, a.UID)
		if i%2 == 0 {
			b := ben.write(sample(fmt.Sprintf("Ben's story %d", i)))
			wantBen = append(wantBen, b.UID)
			ben.sync()
		}
		stage := stages[i%len(stages)]
		cmd := exec.Command(os.Args[0], "-test.run=^TestSyncKillChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), killLibraryEnv+"="+ada.db.Path(), killStageEnv+"="+stage)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		killed := false
		if stage == "" {
			time.AfterFunc(time.Duration(rng.IntN(60))*time.Millisecond, func() { cmd.Process.Signal(syscall.SIGKILL) })
		}
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "error") {
				t.Fatalf("child: %s", line)
			}
			if stage != "" && line == "stage "+stage {
				cmd.Process.Signal(syscall.SIGKILL)
				killed = true
			}
		}
		cmd.Wait()
		if stage != "" && !killed {
			t.Fatalf("run %d: the child never reached stage %q", i, stage)
		}
		// Sound after the kill: the library, the clone and the desk.
		if err := storage.QuickCheck(ctx, ada.db.Path()); err != nil {
			t.Fatalf("run %d (%q): library: %v", i, stage, err)
		}
		fsck(t, ada.clone)
		fsck(t, url)
		if t.Failed() {
			t.Fatalf("run %d (%q): repository damaged", i, stage)
		}
		// The next sync finishes and nothing is lost.
		rep := ada.sync()
		if rep.Waiting != 0 {
			t.Fatalf("run %d (%q): %d still waiting after the next sync", i, stage, rep.Waiting)
		}
	}
	ben.sync()
	for _, uid := range wantAda {
		show := gitCmd(t, url, "show", "main:"+desk.ArticlePath(uid))
		if !strings.Contains(show, "Ada's story") {
			t.Fatalf("desk lost %s", uid)
		}
		ben.get(uid)
	}
	for _, uid := range wantBen {
		ada.get(uid)
	}
	if libraryText(t, ada) != libraryText(t, ben) {
		t.Fatal("libraries differ after the kills")
	}
}
