package dev.respool.examples.annotated;

import dev.respool.RespoolFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebInitParam;

/**
 * The respool filter, registered by annotation: in front of every request and its async
 * dispatches, async supported, in {@code copy} mode. Subclassing is all it takes; the container
 * finds the annotation when it scans the application.
 */
@WebFilter(
    filterName = "respool",
    urlPatterns = "/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC},
    initParams = @WebInitParam(name = "mode", value = "copy"))
public class PooledCopyFilter extends RespoolFilter {}
