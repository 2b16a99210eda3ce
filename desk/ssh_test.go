package desk_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startSSHD runs a real sshd on a free localhost port for the test,
// accepting one generated key, and points this process's ssh settings
// (HOME) at that key and the server's host key. It skips with the reason
// when sshd cannot run here, except under CI, where it must.
func startSSHD(t *testing.T) (port int) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf("sshd should run in CI (make deps-test installs openssh-server): "+format, args...)
		}
		t.Skipf("no ssh test: "+format, args...)
	}
	sshd, err := exec.LookPath("sshd")
	if err != nil {
		sshd = "/usr/sbin/sshd"
		if _, err := os.Stat(sshd); err != nil {
			fail("sshd is not installed (package openssh-server)")
		}
	}
	u, err := user.Current()
	if err != nil {
		fail("no current user: %v", err)
	}
	if u.Uid == "0" {
		// Debian's sshd refuses to start as root without its privilege
		// separation folder, which only the service unit creates.
		if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
			fail("cannot create /run/sshd: %v", err)
		}
	}
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	os.MkdirAll(filepath.Join(home, ".ssh"), 0o700)
	keygen := func(path string) {
		if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path).CombinedOutput(); err != nil {
			fail("ssh-keygen: %v %s", err, out)
		}
	}
	hostKey := filepath.Join(dir, "host_ed25519")
	keygen(hostKey)
	clientKey := filepath.Join(home, ".ssh", "id_ed25519")
	keygen(clientKey)
	pub, _ := os.ReadFile(clientKey + ".pub")
	os.WriteFile(filepath.Join(dir, "authorized_keys"), pub, 0o600)

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("no localhost port: %v", err)
	}
	port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	cfg := filepath.Join(dir, "sshd_config")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`Port %d
ListenAddress 127.0.0.1
HostKey %s
AuthorizedKeysFile %s
PidFile %s
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
UseDNS no
`, port, hostKey, filepath.Join(dir, "authorized_keys"), filepath.Join(dir, "sshd.pid"))), 0o600)
	cmd := exec.Command(sshd, "-D", "-e", "-f", cfg)
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		fail("start sshd: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("sshd log:\n%s", log.String())
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			fail("sshd did not listen: %s", log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	hostPub, _ := os.ReadFile(hostKey + ".pub")
	fields := strings.Fields(string(hostPub))
	os.WriteFile(filepath.Join(home, ".ssh", "known_hosts"), []byte(fmt.Sprintf("[127.0.0.1]:%d %s %s\n", port, fields[0], fields[1])), 0o600)
	t.Setenv("HOME", home)
	t.Setenv("SSH_AUTH_SOCK", "")
	t.Setenv("USER", u.Username)
	return port
}

func TestSSHDesk(t *testing.T) {
	url := bareDesk(t)
	port := startSSHD(t)
	sshURL := fmt.Sprintf("ssh://%s@127.0.0.1:%d%s", os.Getenv("USER"), port, url)
	ada, ben := newMachine(t, sshURL, "Ada Reporter"), newMachine(t, "file://"+url, "Ben Editor")
	a := ada.write(sample("Over ssh"))
	start := time.Now()
	defer func() { t.Logf("ssh part took %v", time.Since(start)) }()
	if rep := ada.join(); rep.Count("out") != 1 || !rep.Pushed {
		t.Fatalf("ada's join over ssh: %+v", rep)
	}
	if rep := ben.join(); rep.Count("in") != 1 {
		t.Fatalf("ben's join: %+v", rep.Changes)
	}
	b := ben.get(a.UID)
	b.Summary = "Fetched over ssh."
	ben.write(b)
	ben.sync()
	if rep := ada.sync(); rep.Count("in") != 1 {
		t.Fatalf("ada's fetch over ssh: %+v", rep.Changes)
	}
	if got := ada.get(a.UID).Summary; got != "Fetched over ssh." {
		t.Fatalf("summary over ssh = %q", got)
	}
}
