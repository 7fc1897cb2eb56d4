/* statusgen:begin c_switch class=4 */
/* statusgen:end */

// statusgen:begin c_switch   class=4
// statusgen:end
