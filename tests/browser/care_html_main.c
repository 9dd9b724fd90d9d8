/*
 * `care html` on its own, for the browser test while the command is not in
 * the `care` program's table: care-html FILE OPTIONS... runs cmd_html().
 */
int cmd_html(int argc, char **argv);

int main(int argc, char **argv)
{
	return cmd_html(argc - 1, argv + 1);
}
