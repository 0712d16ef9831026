# R's fastest path for the benchmark job: read the same CSV, rake to the same two margins with
# calibrate(calfun = "raking"), svymean of every indicator; the means and SEs go to a CSV
# beside the data for bench/stats/compare.py. Usage: Rscript r_calibrate.R DATADIR
suppressPackageStartupMessages(library(survey))
dir <- commandArgs(trailingOnly = TRUE)[1]
d <- read.csv(file.path(dir, "respondents.csv"), stringsAsFactors = TRUE)
margins <- read.csv(file.path(dir, "margins.csv"), stringsAsFactors = FALSE)
vars <- grep("^i[0-9]+$", names(d), value = TRUE)
des <- svydesign(ids = ~1, fpc = ~N, data = d)
prov <- margins[margins$margin == "province", ]
size <- margins[margins$margin == "size_class", ]
pop <- c(`(Intercept)` = sum(prov$total),
         setNames(prov$total[-1], paste0("province", prov$level[-1])),
         setNames(size$total[-1], paste0("size_class", size$level[-1])))
cal <- calibrate(des, ~province + size_class, population = pop, calfun = "raking",
                 epsilon = 1e-13, maxit = 1000)
m <- svymean(as.formula(paste("~", paste(vars, collapse = "+"))), cal)
write.csv(data.frame(variable = vars, estimate = as.numeric(coef(m)), se = as.numeric(SE(m))),
          file.path(dir, "r_means.csv"), row.names = FALSE)
