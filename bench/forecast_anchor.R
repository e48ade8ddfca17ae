# Anchor forecasts for the hourly backtest protocol (see bench/FORECAST-PROTOCOL.md).
# Usage: Rscript forecast_anchor.R OUT.csv FILE.csv [FILE.csv ...]
# Writes one row per (series, method, origin): smape, mase, coverage80, seconds.
suppressPackageStartupMessages({ library(prophet); library(forecast) })

H <- 24; ORIGINS <- 3; M <- 24

hourly <- function(path) {
  d <- read.csv(path, stringsAsFactors = FALSE)
  names(d) <- c("ts", "value")
  t <- as.POSIXct(d$ts, tz = "UTC", format = "%Y-%m-%d %H:%M:%S")
  d <- d[!is.na(t) & is.finite(d$value), ]; t <- t[!is.na(t)]
  hour <- as.numeric(trunc(t, "hours"))
  agg <- tapply(d$value, hour, mean)
  hours <- as.numeric(names(agg))
  grid <- seq(min(hours), max(hours), by = 3600)
  v <- approx(hours, as.numeric(agg), xout = grid)$y
  list(t = as.POSIXct(grid, origin = "1970-01-01", tz = "UTC"), y = v)
}

smape <- function(a, f) mean(200 * abs(a - f) / pmax(abs(a) + abs(f), 1e-9))
mase <- function(train, a, f) {
  n <- length(train); s <- mean(abs(train[(M + 1):n] - train[1:(n - M)]))
  mean(abs(a - f)) / max(s, 1e-9)
}
cover <- function(a, lo, hi) mean(a >= lo & a <= hi)

methods <- list(
  snaive24 = function(t, y) { f <- snaive(ts(y, frequency = 24), h = H, level = 80)
    list(mean = as.numeric(f$mean), lo = as.numeric(f$lower), hi = as.numeric(f$upper)) },
  ets24 = function(t, y) { f <- forecast(ets(ts(y, frequency = 24)), h = H, level = 80)
    list(mean = as.numeric(f$mean), lo = as.numeric(f$lower), hi = as.numeric(f$upper)) },
  stlf_24_168 = function(t, y) {
    s <- if (length(y) >= 2 * 168 + 1) msts(y, seasonal.periods = c(24, 168)) else ts(y, frequency = 24)
    f <- stlf(s, h = H, level = 80)
    list(mean = as.numeric(f$mean), lo = as.numeric(f$lower), hi = as.numeric(f$upper)) },
  autoarima24 = function(t, y) { f <- forecast(auto.arima(ts(y, frequency = 24)), h = H, level = 80)
    list(mean = as.numeric(f$mean), lo = as.numeric(f$lower), hi = as.numeric(f$upper)) },
  prophet = function(t, y) {
    m <- prophet(data.frame(ds = t, y = y), interval.width = 0.8)
    fut <- make_future_dataframe(m, periods = H, freq = 3600)
    p <- predict(m, fut); k <- tail(seq_len(nrow(p)), H)
    list(mean = p$yhat[k], lo = p$yhat_lower[k], hi = p$yhat_upper[k]) }
)

args <- commandArgs(trailingOnly = TRUE)
out <- args[1]; files <- args[-1]
rows <- list()
for (path in files) {
  s <- hourly(path); n <- length(s$y); name <- sub("\\.csv$", "", basename(path))
  for (k in ORIGINS:1) {
    cut <- n - H * k
    tr <- s$y[1:cut]; tt <- s$t[1:cut]; te <- s$y[(cut + 1):(cut + H)]
    for (mn in names(methods)) {
      t0 <- Sys.time()
      f <- tryCatch(suppressMessages(suppressWarnings(methods[[mn]](tt, tr))), error = function(e) NULL)
      sec <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
      if (is.null(f)) next
      rows[[length(rows) + 1]] <- data.frame(series = name, method = mn, origin = k, n_train = cut,
        smape = smape(te, f$mean), mase = mase(tr, te, f$mean), coverage80 = cover(te, f$lo, f$hi), seconds = sec)
    }
    cat(name, k, "\n", file = stderr())
  }
}
write.csv(do.call(rbind, rows), out, row.names = FALSE)
