/* All of them: */
// statusgen:begin c_switch
	case HTTP_STATUS_OK:	/* 200 */
	case HTTP_STATUS_NOT_FOUND:	/* 404 */
	case HTTP_STATUS_TEAPOT:	/* 418 */
// statusgen:end
