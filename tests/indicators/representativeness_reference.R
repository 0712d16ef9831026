# Reference fitted response propensities for tests/indicators/test_representativeness.py.
# Run: Rscript representativeness_reference.R OUT.json   (base R only, no packages)
# Writes the data, R's glm fitted values (printed with %.17g) and this script's own text.
size_class <- rep(c("<20k", "20k-50k", "50k-100k", ">=100k"), times = c(14, 10, 7, 5))
i <- seq_along(size_class)
province <- c("north", "middle", "south")[(i - 1) %% 3 + 1]
# region is a coarsening of province: its dummy is aliased (glm reports an NA coefficient)
region <- ifelse(province == "north", "noord", "zuid")
s <- match(size_class, unique(size_class))
responded <- ((i * 5 + s * 3) %% 7) < c(3, 4, 5, 5)[s]
# every category of size_class and province has respondents and nonrespondents (no separation)
stopifnot(all(table(size_class, responded) > 0), all(table(province, responded) > 0))

# fit2 is converged far beyond glm's default epsilon 1e-8, so its fitted values are exact to
# rounding. fit3 gets epsilon 1e-12: glm.fit's QR tolerance is min(1e-7, epsilon / 1000),
# and with a smaller epsilon it no longer finds the aliased region dummy (the fit diverges).
# Factor levels are in order of first appearance (fit_propensities takes the first sorted label
# as reference; the fitted values do not depend on the reference category).
f <- function(x) factor(x, levels = unique(x))
d <- data.frame(responded, size_class = f(size_class), province = f(province), region = f(region))
fit2 <- glm(responded ~ size_class + province, family = binomial, data = d,
            control = glm.control(epsilon = 1e-15, maxit = 100))
fit3 <- glm(responded ~ size_class + province + region, family = binomial, data = d,
            control = glm.control(epsilon = 1e-12, maxit = 100))
stopifnot(fit2$converged, fit3$converged, is.na(coef(fit3)[["regionzuid"]]))

num <- function(x) paste0("[", paste(sprintf("%.17g", x), collapse = ", "), "]")
str <- function(x) paste0("[", paste0("\"", x, "\"", collapse = ", "), "]")
args <- commandArgs(trailingOnly = FALSE)
self <- sub("^--file=", "", args[grep("^--file=", args)])
script <- readLines(self)
esc <- function(x) gsub("\"", "\\\\\"", gsub("\\\\", "\\\\\\\\", x))
out <- c(
  "{",
  sprintf("  \"generator\": \"%s, glm(family = binomial)\",", R.version.string),
  sprintf("  \"responded\": [%s],", paste(ifelse(responded, "true", "false"), collapse = ", ")),
  sprintf("  \"size_class\": %s,", str(size_class)),
  sprintf("  \"province\": %s,", str(province)),
  sprintf("  \"region\": %s,", str(region)),
  sprintf("  \"fitted_size_class_province\": %s,", num(fitted(fit2))),
  sprintf("  \"fitted_size_class_province_region\": %s,", num(fitted(fit3))),
  sprintf("  \"deviance_size_class_province\": %s,", sprintf("%.17g", deviance(fit2))),
  "  \"script\": [",
  paste0("    \"", esc(script), "\"", c(rep(",", length(script) - 1), "")),
  "  ]",
  "}"
)
writeLines(out, commandArgs(trailingOnly = TRUE)[1])
