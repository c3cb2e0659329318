/*
 * hello: prints `hello, world` and exits 0. For startup time and peak memory.
 */
#include <stdio.h>

int main(void) {
    printf("hello, world\n");
    return 0;
}
