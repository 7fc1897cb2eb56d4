/* All of them: */
// statusgen:begin c_switch
// statusgen:end
