/* From /tmp/b*\/x?\?y/\*z". */
const char *source = "\057tmp/b*\057x?\?y\057*z\"";
