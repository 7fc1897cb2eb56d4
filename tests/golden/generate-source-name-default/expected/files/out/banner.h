/* From sub/data.yaml. */
const char *source = "sub/data.yaml";
