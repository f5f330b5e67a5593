/** Small helpers shared by several packages, depending on none of them. */
package org.longlag.util;
