/* The version of statusgen: the one place it is written. */
#ifndef STATUSGEN_VERSION_H
#define STATUSGEN_VERSION_H

/*
 * What `statusgen --version` prints. tests/buildstep checks that
 * doc/statusgen.1 names it and that CHANGELOG.md has a section for it.
 * Never printed into a generated file.
 */
#define STATUSGEN_VERSION	"0.2.0"

#endif
