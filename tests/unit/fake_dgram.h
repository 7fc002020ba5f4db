/* tests/unit/fake_dgram.h: the start of a fake unix datagram server (a stand-in for Kamailio's
 * jsonrpcs socket): binds @path and forks. Returns the child's pid in the parent (the socket
 * closed there); in the child returns 0 with the bound socket in *@ret_fd, to serve on. */
#ifndef SIPHA_TEST_FAKE_DGRAM_H
#define SIPHA_TEST_FAKE_DGRAM_H

#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static pid_t fake_dgram_fork(const char *path, int *ret_fd)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	pid_t pid;

	assert_true(fd >= 0);
	assert_true(strlen(path) < sizeof(sa.sun_path));
	strcpy(sa.sun_path, path);
	unlink(path);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid > 0)
		close(fd);
	*ret_fd = fd;
	return pid;
}

#endif
