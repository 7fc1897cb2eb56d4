/* The name the outputs print for the data file: independent of how its path was spelled. */
#ifndef STATUSGEN_SRCNAME_H
#define STATUSGEN_SRCNAME_H

/*
 * The default name of the data file at path, as the outputs print it
 * (the context's "source"), so that the same data gives the same bytes
 * from any build folder and however the path was typed: the path relative
 * to the current folder, normalised ("./data/x.yaml", "data//x.yaml" and
 * "$PWD/data/x.yaml" all give "data/x.yaml"; "a/../x.yaml" gives "x.yaml").
 * "." and ".." are resolved by the letters of the path, then, when that
 * does not put the file under the current folder, by the folders' real
 * paths (symbolic links resolved). A file outside the current folder
 * gives its base name ("../x.yaml" and "/tmp/b/x.yaml" give "x.yaml"):
 * the rest of such a path says where the build ran, not what the data is.
 * Never fails (a current folder that cannot be found counts as "/");
 * returns memory the caller frees.
 */
char	*srcname_default(const char *path);

#endif
