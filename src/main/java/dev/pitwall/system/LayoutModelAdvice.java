package dev.pitwall.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page what the layout needs: the navigation and who is signed in. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModelAdvice {

    private final List<NavigationEntry> navigation;

    LayoutModelAdvice(List<NavigationEntry> entries) {
        this.navigation = entries.stream()
                .sorted(Comparator.comparingInt(NavigationEntry::order))
                .toList();
    }

    @ModelAttribute("navigation")
    List<NavigationEntry> navigation() {
        return navigation;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("actor")
    Actor actor() {
        return CurrentActor.get();
    }
}
